import { test, expect, shootAtTwoSizes, typeEmailAccount } from './fixtures';
import { openSharedBooksIn, useOwnCluster } from './shared-books-fixtures';
import { startOnSharedBooks, type BridgeProcess } from '../helpers/bridge-process';
import { addSharedPerson, sharedSettings } from '../helpers/folio';
import { EMPTY_ADDRESS, oneLineInvoice, plainCustomer } from '../helpers/seed';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { tempDir } from '../helpers/tmp';

const PASSWORD = 'e2e-Secret-pw';
const today = () => new Date().toISOString().slice(0, 10);

/**
 * Settings → Email on shared books: the owner saves the account with the password (kept on
 * the owner's computer only); the bookkeeper, on another computer, is told to enter it there
 * and saves it for that computer; both then send a test email through a real SMTP server.
 */
test.describe('the email password on shared books', () => {
  useOwnCluster();
  let smtp: TestSmtp;
  test.beforeEach(async () => {
    smtp = await startSmtp({ user: 'billing', password: PASSWORD });
  });
  test.afterEach(async () => smtp.stop());

  test('the owner saves the account, the bookkeeper enters the password on their own computer', async ({
    app,
    page,
  }) => {
    const server = tempDir('folio-e2e-books-');
    const other = tempDir('folio-e2e-');
    let second: BridgeProcess | null = null;
    try {
      const { books } = await openSharedBooksIn(app, server.dir);

      // The owner: the account with its password, kept on this computer.
      await app.open(page, '/settings/email');
      await expect(page.getByText(/its password is kept only on this computer/)).toBeVisible();
      await typeEmailAccount(page, {
        port: smtp.port,
        password: PASSWORD,
        passwordField: 'Password on this computer',
      });
      await page.getByRole('button', { name: 'Save email account' }).click();
      await expect(page.getByText('Email account saved.')).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Password on this computer' })).toHaveAttribute(
        'placeholder',
        'Saved on this computer',
      );
      await page.getByRole('button', { name: 'Send test email' }).click();
      await expect(page.getByText('Test email sent to hello@acme.example.')).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Subject' })).toBeEnabled();
      await expect(page.getByRole('button', { name: 'Save template' })).toBeVisible();
      await shootAtTwoSizes(page, 'email-shared-owner');

      // The bookkeeper's Folio, on a computer of its own: the account is there, the password not.
      const ben = await addSharedPerson(books.database, 'Ben Bookkeeper', 'bookkeeper');
      second = await startOnSharedBooks(other.dir, sharedSettings(books.database, ben));

      // Sending an invoice from there says what to do.
      const { customer } = await app.call('customers.create', {
        ...plainCustomer('Harbour Lights Ltd'),
        emails: [{ email: 'accounts@harbour.example', billing: true }],
        billingAddress: { ...EMPTY_ADDRESS, line1: '2 Quay', city: 'Cork', country: 'Ireland' },
      });
      const draft = await app.call(
        'documents.create',
        oneLineInvoice(customer.id, { description: 'Harbour lighting survey', unitPrice: 120000 }, today()),
      );
      const invoice = await app.call('documents.issue', { id: draft.id });
      await page.goto(`${second.url}#/invoices/${invoice.id}`);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Send Invoice ${invoice.number}` });
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();
      await expect(
        dialog.getByText(/Enter the email password on this computer \(Settings → Mail\)/),
      ).toBeVisible();
      await page.keyboard.press('Escape');
      await page.goto(`${second.url}#/settings/email`);
      const note = page.getByText(
        'Enter the password on this computer to send email from it. It is kept only on this computer.',
      );
      await expect(note).toBeVisible();
      await expect(
        page.getByText(/Only an owner of the shared books can change the email account/),
      ).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'SMTP server', exact: true })).toHaveValue('127.0.0.1');
      await expect(page.getByRole('textbox', { name: 'SMTP server', exact: true })).toBeDisabled();
      await expect(page.getByRole('button', { name: 'Save email account' })).toHaveCount(0);
      // The templates and reminder levels are the books' settings too: read, not changed here.
      await expect(
        page.getByText('Only an owner of the shared books can change the email templates.'),
      ).toBeVisible();
      await expect(page.getByRole('textbox', { name: 'Subject' })).toBeDisabled();
      await expect(page.getByRole('button', { name: 'Save template' })).toHaveCount(0);
      await expect(page.getByRole('textbox', { name: 'Name of reminder level 1' })).toBeDisabled();
      await expect(page.getByRole('button', { name: 'Save reminder levels' })).toHaveCount(0);
      await shootAtTwoSizes(page, 'email-shared-bookkeeper');

      // Sending from here without it: the answer is at the password field.
      await page.getByRole('button', { name: 'Send test email' }).click();
      const field = page.getByRole('textbox', { name: 'Password on this computer' });
      await expect(field).toHaveAccessibleDescription(/Enter the email password on this computer/);

      await field.fill(PASSWORD);
      await page.getByRole('button', { name: 'Save password on this computer' }).click();
      await expect(page.getByText('The email password is saved on this computer.')).toBeVisible();
      await expect(note).toHaveCount(0);
      await page.getByRole('button', { name: 'Send test email' }).click();
      await expect(page.getByText('Test email sent to hello@acme.example.')).toBeVisible();
      expect(smtp.logins).toEqual([
        { user: 'billing', ok: true },
        { user: 'billing', ok: true },
      ]);
      expect(smtp.received).toHaveLength(2);

      // In German (about a third longer) the bookkeeper's screen still fits, the note included.
      expect((await second.call('mail.setPasswordHere', { password: '' })).ok).toBe(true);
      const { preferences } = await app.call('settings.get');
      await app.call('settings.updatePreferences', { ...preferences, language: 'de' });
      await page.goto(`${second.url}#/settings/email`);
      await page.reload();
      await expect(
        page.getByText(
          'Geben Sie das Passwort auf diesem Computer ein, um von hier E-Mails zu versenden. Es wird nur auf diesem Computer gespeichert.',
        ),
      ).toBeVisible();
      await shootAtTwoSizes(page, 'email-shared-bookkeeper-de');
    } finally {
      await second?.stop();
      server.cleanup();
      other.cleanup();
    }
  });
});
