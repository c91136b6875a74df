import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inLanguage } from '../../src/main/i18n';
import { storageError } from '../../src/main/db/storage-errors';
import { readStatementFile } from '../../src/main/services/bank/formats';
import { customerInput } from '../../src/shared/api/customers';
import { base64File, plainIssueMessage, requiredText, text } from '../../src/shared/api/fields';
import { describeDue } from '../../src/shared/domain/bill-status';
import { translator } from '../../src/shared/i18n';
import { notificationSummary, notificationTitle } from '../../src/main/electron/bill-notification-words';
import type { ReminderItem } from '../../src/shared/api/payables';

/** The first message of a parse, made in one language (as the dispatcher does per call). */
const messageIn = (lang: string | undefined, schema: z.ZodType, value: unknown) =>
  inLanguage(lang, () => {
    const parsed = schema.safeParse(value, { error: plainIssueMessage });
    return parsed.success ? null : parsed.error.issues[0]!.message;
  });

describe('field messages follow the language of the call, not the one at module load', () => {
  const name = requiredText('fields.companyRegistration');
  it('one schema, four languages, the label translated and never inflected', () => {
    expect(messageIn(undefined, name, '')).toBe('Enter the company registration');
    expect(messageIn('de', name, '')).toBe('Bitte geben Sie „Handelsregistereintrag“ an');
    expect(messageIn('fr', name, '')).toBe('Renseignez « Immatriculation de la société »');
    expect(messageIn('es', name, '')).toBe('Indique «Registro mercantil»');
    expect(messageIn('de', text('fields.city', 5), 'München')).toBe(
      '„Ort“ ist zu lang (höchstens 5 Zeichen)',
    );
    expect(messageIn('fr', name, 'a\nb')).toBe(
      '« Immatriculation de la société » doit tenir sur une seule ligne. Supprimez le saut de ligne.',
    );
  });
  it('a contract’s own rule and zod’s fallback messages', () => {
    expect(messageIn('de', customerInput, { name: 'A', currency: 'EUR', emails: [{ email: '' }] })).toBe(
      'Bitte geben Sie eine E-Mail-Adresse ein oder entfernen Sie die Zeile',
    );
    expect(messageIn('es', z.array(z.string()).min(2), ['a'])).toBe('Indique al menos 2 elementos');
    expect(messageIn('de', z.boolean(), 'yes')).toBe('Hier wird Ja oder Nein (true oder false) erwartet');
    expect(messageIn(undefined, z.boolean(), 'yes')).toBe('This must be yes or no (true or false)');
  });
  it('an over-large file, with the byte counts written the way the language writes them', () => {
    const logo = base64File('fields.logo', 10);
    const big = Buffer.alloc(11).toString('base64');
    expect(messageIn(undefined, logo, big)).toBe(
      'The logo is 11 bytes; the limit is 10 bytes. Choose a smaller file.',
    );
    expect(messageIn('de', logo, big)).toBe(
      '„Logo“ ist 11 Byte groß; erlaubt sind höchstens 10 Byte. Bitte wählen Sie eine kleinere Datei.',
    );
  });
});

describe('storage failures', () => {
  it('a full disk and a read-only folder, in the caller’s language', () => {
    const full = inLanguage('de', () => storageError({ code: 'SQLITE_FULL' }))!;
    expect(full.toApiError()).toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringMatching(/^Der Datenträger ist voll/),
    });
    const ro = inLanguage('fr', () => storageError({ code: 'EROFS' }))!;
    expect(ro.message).toMatch(/^Folio ne peut pas écrire dans son dossier de données/);
    expect(storageError({ code: 'ENOSPC' })!.message).toMatch(/^The disk is full — nothing was saved/);
  });
});

describe('bank statement files', () => {
  it('an empty or unknown file is explained in the caller’s language', () => {
    expect(() => inLanguage('fr', () => readStatementFile(new Uint8Array()))).toThrow('Le fichier est vide.');
    expect(() => inLanguage('de', () => readStatementFile(new TextEncoder().encode('hello')))).toThrow(
      /^Folio kann nicht erkennen, um welche Art von Datei es sich handelt\. Unterstützt: /,
    );
    expect(() => readStatementFile(new Uint8Array())).toThrow('The file is empty.');
  });
});

describe('bill reminders and desktop notifications', () => {
  const item = (kind: ReminderItem['kind'], n: number): ReminderItem => ({
    billId: n,
    vendorName: 'Stadtwerke',
    vendorInvoiceNumber: `R-${n}`,
    kind,
    date: '2026-03-20',
    days: 0,
    dueDate: '2026-03-20',
    currency: 'EUR',
    balance: 1000,
    message: '',
    snoozedUntil: null,
  });
  it('say when a bill is due in the language asked', () => {
    expect(inLanguage('de', () => describeDue('2026-03-23', '2026-03-20'))).toBe('Fällig in 3 Tagen');
    expect(inLanguage('fr', () => describeDue('2026-03-19', '2026-03-20'))).toBe('1 jour de retard');
    expect(inLanguage('es', () => describeDue('2026-03-10', '2026-03-20'))).toBe('10 días de retraso');
    expect(describeDue('2026-03-21', '2026-03-20')).toBe('Due tomorrow');
  });
  it('title one bill, or sum up many, in the chosen language', () => {
    expect(notificationTitle(translator('de'), item('overdue', 1))).toBe('Überfällig: Stadtwerke R-1');
    expect(notificationTitle(translator('en'), item('discount', 2))).toBe('Discount ending: Stadtwerke R-2');
    const items = [item('overdue', 1), item('overdue', 2), item('due', 3), item('discount', 4)];
    expect(notificationSummary(translator('fr'), items)).toEqual({
      title: '4 factures fournisseurs demandent votre attention',
      body: '2 en retard, 2 bientôt à échéance ou avec un escompte qui se termine. Ouvrez Folio pour les examiner.',
    });
    expect(notificationSummary(translator('en'), items).title).toBe('4 bills need attention');
  });
});
