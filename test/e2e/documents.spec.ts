import fs from 'node:fs';
import path from 'node:path';
import { test, expect, seedSetup, typeEmailAccount, type App } from './fixtures';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { addDays, localToday } from '../../src/shared/domain/dates';

const PASSWORD = 'e2e-Secret-pw';
const SHOTS = process.env.FOLIO_SCREENSHOTS;

let smtp: TestSmtp;
test.beforeEach(async () => {
  smtp = await startSmtp({ user: 'billing', password: PASSWORD });
});
test.afterEach(async () => smtp.stop());

/** A configured business with one issued invoice for a customer with a billing address. */
async function seedInvoice(app: App) {
  await seedSetup(app);
  const vat = await app.call('taxes.create', { name: 'VAT 23%', percent: '23' });
  const { customer } = await app.call('customers.create', {
    name: 'Brightside Cafés Ltd',
    contactPerson: 'Niamh Kelly',
    emails: [{ email: 'accounts@brightside.example', billing: true }],
    billingAddress: {
      line1: '12 Quay Street',
      line2: '',
      city: 'Galway',
      region: '',
      postalCode: '',
      country: 'Ireland',
    },
    shippingAddress: { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' },
    currency: 'EUR',
    paymentTerms: { kind: 'net', days: 14 },
  });
  const draft = await app.call('documents.create', {
    type: 'invoice',
    customerId: customer.id,
    // Sixty days ago: due 46 days ago, so a final reminder is due.
    issueDate: addDays(localToday(), -60),
    due: { kind: 'terms', terms: { kind: 'net', days: 14 } },
    currency: 'EUR',
    lines: [{ description: 'Logo design', quantity: '2', unitPrice: 8500, taxIds: [vat.id] }],
  });
  return app.call('documents.issue', { id: draft.id });
}

test('set up email, preview an invoice PDF, send it to the mail server and see it in the sent log', async ({
  app,
  page,
}) => {
  const invoice = await seedInvoice(app);

  // The email account, in Settings, as a user would type it.
  await app.open(page, '/settings/email');
  await typeEmailAccount(page, { port: smtp.port, password: PASSWORD, passwordField: 'Password' });
  await expect(page.getByText(/Browser mode: the password is encrypted/)).toBeVisible();
  await page.getByRole('button', { name: 'Save email account' }).click();
  await expect(page.getByText('Email account saved.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Send a test email to', exact: true }).fill('me@acme.example');
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByText('Test email sent to me@acme.example.')).toBeVisible();
  expect(smtp.received.map((m) => m.subject)).toEqual(['Folio test email']);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'settings-email.png'), fullPage: true });

  // The invoice page: preview the PDF.
  await app.open(page, `/invoices/${invoice.id}`);
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('dialog', { name: `Preview: Invoice ${invoice.number}` });
  await expect(preview.getByText(`${invoice.number} Brightside Cafés Ltd.pdf · 1 page`)).toBeVisible();
  const frame = preview.locator('iframe[title="PDF preview"]');
  await expect(frame).toHaveAttribute('src', /^blob:/);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'preview.png') });
  await page.keyboard.press('Escape');

  // Send: the dialog starts from the template; the PDF goes along.
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Send Invoice ${invoice.number}` });
  await expect(dialog.getByText('accounts@brightside.example')).toBeVisible();
  await expect(dialog.getByLabel('Subject')).toHaveValue(`Invoice ${invoice.number} from Acme Studio Ltd`);
  await expect(dialog.getByLabel('Message')).toHaveValue(/Dear Niamh Kelly,[\s\S]*€209\.10/);
  await expect(dialog.getByText(`${invoice.number} Brightside Cafés Ltd.pdf`)).toBeVisible();
  if (SHOTS) {
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, 'send-dialog.png') });
  }
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('Sent to accounts@brightside.example.')).toBeVisible();

  // It arrived, with the PDF, and the invoice shows it in its sent log and as sent.
  expect(smtp.received).toHaveLength(2);
  const mail = smtp.received[1]!;
  expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('accounts@brightside.example');
  expect(mail.attachments[0]!.filename).toBe(`${invoice.number} Brightside Cafés Ltd.pdf`);
  expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
  const log = page.getByRole('table', { name: 'Sent log' });
  await expect(
    log.getByRole('row', { name: new RegExp(`Invoice ${invoice.number} from Acme Studio Ltd`) }),
  ).toContainText('Sent');
  await expect(log).toContainText(mail.messageId!);
  await expect(page.getByText(/^Sent \d/)).toBeVisible();
  expect((await app.call('documents.get', { id: invoice.id })).sentAt).not.toBeNull();
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'invoice-sent.png'), fullPage: true });
});

test('a wrong password shows a clear error in the Send dialog and in the outbox', async ({ app, page }) => {
  const invoice = await seedInvoice(app);
  await app.call('mail.updateAccount', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'billing',
    password: 'not the password',
    fromName: 'Acme',
    fromEmail: 'billing@acme.example',
    replyTo: '',
  });
  await app.open(page, `/invoices/${invoice.id}`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Send Invoice ${invoice.number}` });
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(
    dialog.getByText(/The mail server rejected the user name or password\. Check them in Settings → Mail\./),
  ).toBeVisible();
  expect(smtp.received).toHaveLength(0);

  await app.open(page, '/outbox/pending');
  await expect(page.getByText('1 message could not be sent. See why below, fix it and retry.')).toBeVisible();
  const row = page
    .getByRole('table', { name: 'Outbox' })
    .getByRole('row', { name: new RegExp(invoice.number) });
  await expect(row).toContainText('Failed');
  await expect(row).toContainText('rejected the user name or password');
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'outbox-failed.png'), fullPage: true });

  // Fix the password in Settings: the failed message goes out by itself.
  await app.open(page, '/settings/email');
  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Save email account' }).click();
  await expect(page.getByText('Email account saved.')).toBeVisible();
  await app.open(page, '/outbox/pending');
  await page.getByRole('button', { name: new RegExp(`Retry: Invoice ${invoice.number}`) }).click();
  await expect(page.getByText('The outbox is empty: every message has gone out.')).toBeVisible();
  expect(smtp.received).toHaveLength(1);
});

test('reminders wait for approval in the outbox; the documents settings save', async ({ app, page }) => {
  const invoice = await seedInvoice(app);
  await app.call('mail.updateAccount', {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'billing',
    password: PASSWORD,
    fromName: 'Acme',
    fromEmail: 'billing@acme.example',
    replyTo: '',
  });
  await app.open(page, '/outbox');
  await page.getByRole('button', { name: 'Check for overdue invoices' }).click();
  const table = page.getByRole('table', { name: 'Reminders to approve' });
  // However late, the first reminder a customer gets is the friendly one.
  await expect(table.getByRole('row', { name: new RegExp(invoice.number) })).toContainText('Friendly');
  // At 1024 px every column fits the page, the reminder level included (long headings of the
  // figures used to push it out, in English by a little and in German entirely).
  await page.setViewportSize({ width: 1024, height: 700 });
  const overflow = await table.evaluate(
    (t) => t.getBoundingClientRect().right - t.parentElement!.getBoundingClientRect().right,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1366, height: 860 });
  expect(smtp.received).toHaveLength(0);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'reminders.png'), fullPage: true });
  await page.getByRole('checkbox', { name: `Select the reminder for ${invoice.number}` }).check();
  await page.getByRole('button', { name: /Approve and send/ }).click();
  await expect(page.getByText(/1 reminder approved: 1 sent/)).toBeVisible();
  expect(smtp.received[0]!.subject).toBe(`Friendly reminder: invoice ${invoice.number}`);
  expect(smtp.received[0]!.attachments).toHaveLength(2);

  await app.open(page, `/invoices/${invoice.id}`);
  await expect(page.getByText(/Last reminder: Friendly/).first()).toBeVisible();

  await app.open(page, '/settings/documents');
  await page.getByText('US Letter', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'US Letter' })).toBeChecked();
  await page.getByRole('textbox', { name: 'IBAN', exact: true }).fill('IE29 AIBK 9311 5212 3456 79');
  await page.getByRole('button', { name: 'Save document settings' }).click();
  await expect(page.getByText(/This IBAN is not valid/)).toBeVisible();
  await page.getByRole('textbox', { name: 'IBAN', exact: true }).fill('IE29 AIBK 9311 5212 3456 78');
  await page.getByRole('button', { name: 'Save document settings' }).click();
  await expect(page.getByText('Document settings saved.')).toBeVisible();
  const saved = await app.call('printing.getSettings', {});
  expect(saved).toMatchObject({ paperSize: 'Letter', iban: 'IE29AIBK93115212345678' });
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'settings-documents.png'), fullPage: true });
  }
});
