import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three builds from one config:
//  - main: the Electron entry (index) and the browser-mode bridge (web). They share
//    src/main/app.ts but neither imports the other's transport.
//  - preload: the sandboxed bridge that exposes window.folio.call.
//  - renderer: the React app, served by app:// in Electron and by the bridge in browser mode.
export default defineConfig({
  main: {
    // The message catalogues (src/shared/i18n/locales) as JSON.parse of a string, which V8 reads
    // faster than the same data written as an object literal, at every start.
    json: { stringify: true },
    plugins: [
      {
        // pdfkit reads its sRGB profile (PDF/A output intent, Factur-X) from ./data beside its
        // code: the bundled chunk needs a copy there.
        name: 'pdfkit-icc-profile',
        writeBundle() {
          mkdirSync(resolve(__dirname, 'out/main/chunks/data'), { recursive: true });
          copyFileSync(
            resolve(__dirname, 'node_modules/pdfkit/js/data/sRGB_IEC61966_2_1.icc'),
            resolve(__dirname, 'out/main/chunks/data/sRGB_IEC61966_2_1.icc'),
          );
        },
      },
    ],
    build: {
      outDir: 'out/main',
      // Bundled rather than loaded from node_modules: resolving and loading their hundreds of
      // files cost ~100 ms at every start; one tree-shaken bundle loads in a fraction of it.
      // The PDF engine (pdfkit, fontkit, qrcode) is bundled for the same reason, into a chunk
      // loaded only with the first PDF: it halves that first PDF's load time.
      // The catalogues' i18next + ICU (intl-messageformat), ibantools and fast-xml-parser are
      // loaded at every start too: bundled, the start takes ~4% less CPU and ~13% less time.
      externalizeDeps: {
        exclude: [
          'zod',
          'kysely',
          'pdfkit',
          'fontkit',
          'qrcode',
          'i18next',
          'i18next-icu',
          'intl-messageformat',
          'ibantools',
          'fast-xml-parser',
        ],
      },
      // Less source for V8 to parse at every start.
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/main.ts'),
          web: resolve(__dirname, 'src/main/web.ts'),
          // Rendering thread for bulk PDF exports (src/main/pdf/pool.ts finds it next to the entries).
          'pdf-worker': resolve(__dirname, 'src/main/pdf/worker.ts'),
          // Parsing thread for bill CSV imports (src/main/services/payables/csv-read.ts).
          'csv-worker': resolve(__dirname, 'src/main/services/payables/csv-worker.ts'),
          // EN 16931 rules threads for batch e-invoice imports (services/einvoice/validate-pool.ts).
          'einvoice-worker': resolve(__dirname, 'src/main/services/einvoice/validate-worker.ts'),
        },
        output: { chunkFileNames: 'chunks/shared-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
      chunkSizeWarningLimit: 2500,
    },
  },
});
