import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSepaXml } from '../../src/main/services/payables/sepa-file';
import { SEPA_VERSIONS } from '../../src/shared/domain/sepa-versions';

/**
 * Validation against the official ISO 20022 XSDs. No npm package ships them; Debian's
 * libhbci4j-core-java does (inside its jar; `.ci/run` installs it). The schema is read from the
 * jar with yauzl and the files are validated by libxml2 compiled to WebAssembly (xmllint-wasm),
 * so nothing else is needed. Without the jar this is skipped, and sepa.test.ts's structural
 * checks remain.
 */
// FOLIO_HBCI4J_JAR: the jar from the .deb unpacked elsewhere (apt-get download; dpkg-deb -x).
const JAR = process.env.FOLIO_HBCI4J_JAR ?? '/usr/share/java/hbci4j-core.jar';
const available = fs.existsSync(JAR);

/** One entry of a zip (a jar) as text. */
async function entryOf(zip: string, name: string): Promise<string> {
  const yauzl = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (err, file) => {
      if (err) return reject(err);
      file.on('entry', (entry: { fileName: string }) => {
        if (entry.fileName !== name) return file.readEntry();
        file.openReadStream(entry as never, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            file.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      file.on('end', () => reject(new Error(`${name} is not in ${zip}`)));
      file.readEntry();
    });
  });
}

async function schemaErrors(xsd: { fileName: string; contents: string }, xml: Record<string, string>) {
  const { validateXML } = await import('xmllint-wasm');
  const result = await validateXML({
    xml: Object.entries(xml).map(([fileName, contents]) => ({ fileName, contents })),
    schema: [xsd],
  });
  return result.errors.map((e) => e.rawMessage);
}

describe.skipIf(!available)('the SEPA file against the official XSDs', () => {
  it.each(SEPA_VERSIONS)('%s validates, with and without BICs and batch booking', async (version) => {
    const xsd = { fileName: `${version}.xsd`, contents: await entryOf(JAR, `${version}.xsd`) };
    const files: Record<string, string> = {};
    for (const bic of ['', 'AIBKIE2D'])
      for (const batchBooking of [true, false])
        files[`${bic || 'nobic'}-${batchBooking}.xml`] = buildSepaXml({
          version,
          messageId: 'FOLIO-20260310093000-abcdef12',
          createdAt: '2026-03-10T09:30:00',
          executionDate: '2026-03-12',
          batchBooking,
          debtor: { name: 'Acme Studio Ltd', iban: 'IE29AIBK93115212345678', bic },
          payments: [
            {
              endToEndId: 'FOLIO-P1',
              creditor: { name: 'Müller & Söhne GmbH', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
              amount: 130000,
              remittance: 'RE-2026-17, RE-2026-18',
            },
            {
              endToEndId: 'FOLIO-P2',
              creditor: { name: 'Zoë Café SARL', iban: 'FR1420041010050500013M02606', bic: '' },
              amount: 9999,
              remittance: 'F-889',
            },
          ],
        });
    expect(await schemaErrors(xsd, files)).toEqual([]);
    // The validator does fail on a broken file (a date the XSD does not allow).
    const first = Object.values(files)[0]!;
    const broken = await schemaErrors(xsd, { 'broken.xml': first.replace('2026-03-12', '12.03.2026') });
    expect(broken.length).toBeGreaterThan(0);
  });
});
