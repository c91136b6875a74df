import fs from 'node:fs';
import { loadEngine } from '/work/wt-docs/src/main/pdf/engine.ts';
const mupdf = await import('mupdf');
const engine = await loadEngine();
function render(text: string): Promise<Buffer> {
  const doc = new engine.PDFDocument({ font: null as any });
  const chunks: Buffer[] = [];
  const p = new Promise<Buffer>((r) => { doc.on('data', (c: Buffer) => chunks.push(c)); doc.on('end', () => r(Buffer.concat(chunks))); });
  doc.registerFont('B', engine.bold.font as any); doc.font('B').fontSize(14).text(text, 50, 50);
  doc.end(); return p;
}
const read = (b: Buffer) => mupdf.Document.openDocument(b, 'application/pdf').loadPage(0).toStructuredText().asText();
console.log(JSON.stringify(read(await render('Credit note CN-2026-0001 Εταιρεία'))));
console.log(JSON.stringify(read(await render('Çé ÖΆά'))));
console.log(JSON.stringify(read(await render('Credit note CN-2026-0001 Εταιρεία QUO'))));
