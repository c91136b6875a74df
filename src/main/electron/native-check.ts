import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/**
 * better-sqlite3 is a native module: node_modules keeps the build for Node (so tests run),
 * and `npm start` builds a second copy for Electron into native/electron. A packaged app
 * has its node_modules rebuilt for Electron by electron-builder.
 */
export function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node');
  return fs.existsSync(file) ? file : undefined;
}

/** Loads the module once; a wrong ABI becomes an explanation instead of a white window. */
export async function nativeModuleProblem(nativeBinding: string | undefined): Promise<string | null> {
  try {
    const { default: Database } = await import('better-sqlite3');
    new Database(':memory:', nativeBinding ? { nativeBinding } : {}).close();
    return null;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const abi = /NODE_MODULE_VERSION|was compiled against a different|invalid ELF|not a valid Win32/i.test(
      detail,
    );
    return abi
      ? `Folio's database module was built for a different runtime than this Electron (${process.versions.electron}, ABI ${process.versions.modules}).\n\n` +
          `In the project folder, run:\n    npm run rebuild:electron\nthen start Folio again with npm start.\n\nDetails: ${detail}`
      : `Folio's database module could not be loaded.\n\nRun npm install, then npm run rebuild:electron.\n\nDetails: ${detail}`;
  }
}
