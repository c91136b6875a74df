import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSepaXml } from '../../src/main/services/payables/sepa-file';
import { SEPA_VERSIONS } from '../../src/shared/domain/sepa-versions';

/**
 * Validation against the official ISO 20022 XSDs. No npm package ships them; Debian's
 * libhbci4j-core-java does (inside its jar), and libxml2-utils has xmllint. Where both are
 * installed (`apt-get install libhbci4j-core-java libxml2-utils`) every variant of the file
 * is validated; elsewhere this is skipped, and sepa.test.ts's structural checks remain.
 */
// FOLIO_HBCI4J_JAR: the jar from the .deb unpacked elsewhere (apt-get download; dpkg-deb -x).
const JAR = process.env.FOLIO_HBCI4J_JAR ?? '/usr/share/java/hbci4j-core.jar';
const has = (cmd: string) => {
  try {
    execFileSync('which', [cmd], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const available = fs.existsSync(JAR) && has('xmllint') && has('unzip');

describe.skipIf(!available)('the SEPA file against the official XSDs', () => {
  it.each(SEPA_VERSIONS)('%s validates, with and without BICs and batch booking', (version) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-sepa-'));
    try {
      const xsd = path.join(dir, `${version}.xsd`);
      fs.writeFileSync(xsd, execFileSync('unzip', ['-p', JAR, `${version}.xsd`]));
      const files: string[] = [];
      for (const bic of ['', 'AIBKIE2D'])
        for (const batchBooking of [true, false]) {
          const file = path.join(dir, `${bic || 'nobic'}-${batchBooking}.xml`);
          fs.writeFileSync(
            file,
            buildSepaXml({
              version,
              messageId: 'FOLIO-20260310093000-abcdef12',
              createdAt: '2026-03-10T09:30:00',
              executionDate: '2026-03-12',
              batchBooking,
              debtor: { name: 'Acme Studio Ltd', iban: 'IE29AIBK93115212345678', bic },
              payments: [
                {
                  endToEndId: 'FOLIO-P1',
                  creditor: {
                    name: 'Müller & Söhne GmbH',
                    iban: 'DE89370400440532013000',
                    bic: 'COBADEFFXXX',
                  },
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
            }),
          );
          files.push(file);
        }
      const out = execFileSync('xmllint', ['--noout', '--schema', xsd, ...files], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(out.toString()).toBe('');
      // The validator does fail on a broken file (a date the XSD does not allow).
      const broken = path.join(dir, 'broken.xml');
      fs.writeFileSync(broken, fs.readFileSync(files[0]!, 'utf8').replace('2026-03-12', '12.03.2026'));
      expect(() =>
        execFileSync('xmllint', ['--noout', '--schema', xsd, broken], { stdio: 'ignore' }),
      ).toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
