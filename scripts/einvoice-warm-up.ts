/**
 * Writes the two e-invoices the rule threads warm up on (assets/einvoice/warm-up-ubl.xml and
 * warm-up-cii.xml): Folio's own Peppol BIS (UBL) and EN 16931 CII for one invoice of a seeded
 * German business (two VAT rates, line and document allowances, shipping), so that the first
 * import of a session runs the rules' code already compiled. Run again when the writers change:
 * `npx tsx scripts/einvoice-warm-up.ts`. Uses a temporary data folder; nothing else is touched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fixedClock, openTestFolio } from '../test/helpers/folio';
import { scenarios, seedGermanBusiness } from '../test/helpers/einvoice-seed';

async function main() {
  const t = await openTestFolio({ clock: fixedClock('2026-11-02T10:00:00Z') });
  try {
    const seed = await seedGermanBusiness(t);
    const draft = await t.call('documents.create', scenarios(seed).discounts!);
    const doc = await t.call('documents.issue', { id: draft.id });
    const out = path.resolve(__dirname, '..', 'assets', 'einvoice');
    for (const [format, name] of [
      ['peppol', 'warm-up-ubl.xml'],
      ['en16931-cii', 'warm-up-cii.xml'],
    ] as const) {
      const file = await t.call('einvoice.download', { id: doc.id, format });
      fs.writeFileSync(path.join(out, name), Buffer.from(file.dataBase64, 'base64'));
      console.log(`${name}: ${format}`);
    }
  } finally {
    await t.close();
  }
}

void main();
