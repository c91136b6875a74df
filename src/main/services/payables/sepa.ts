import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import { AppError, fieldError, notFound } from '../../../shared/api/errors';
import { isValidBic, isValidIban, normalizeIban } from '../../../shared/domain/iban';
import { bankAccountIn, remittanceFor, type SepaPayment } from '../../../shared/domain/sepa';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { getDocumentSettings } from '../printing/settings';
import { getSettings } from '../settings';

/**
 * A payment run as a SEPA credit transfer file for the bank: one transaction per payment of
 * the run (one per vendor), from the business's account (Settings → Documents → bank details)
 * to each vendor's IBAN (read from the vendor's bank details), with the bills' numbers as the
 * remittance information. Euro only; nothing is written when any payment cannot go in.
 */
export async function sepaFile(ctx: ServiceContext, input: ParsedInput<'billPayments.sepaFile'>) {
  const store = storeOf(ctx);
  const payments = await store.all(
    qb
      .selectFrom('bill_payments as p')
      .innerJoin('vendors as v', 'v.id', 'p.vendor_id')
      .select(['p.id', 'p.amount', 'p.currency', 'p.payment_date', 'p.reference', 'v.name', 'v.bank_details'])
      .where('p.run_id', '=', input.runId)
      .orderBy('v.name')
      .orderBy('p.id'),
  );
  if (!payments.length) throw notFound(msg('errors.notFound.paymentRunEveryPayment'));

  const foreign = payments.filter((p) => p.currency !== 'EUR');
  if (foreign.length)
    throw fieldError(
      'runId',
      msg('errors.sepa.onlyEuros', {
        count: foreign.length,
        payments: foreign
          .map((p) => msg('errors.sepa.paymentInCurrency', { name: p.name, currency: p.currency }))
          .join(', '),
      }),
    );

  const settings = await getDocumentSettings(ctx);
  const profile = (await getSettings(ctx)).profile;
  if (!isValidIban(settings.iban)) throw fieldError('runId', msg('errors.sepa.addYourBusinessIban'));
  if (settings.bic && !isValidBic(settings.bic))
    throw fieldError('runId', msg('errors.sepa.yourBicSettingsDocuments', { bic: settings.bic }));

  const missing: string[] = [];
  const accounts = new Map<number, { iban: string; bic: string }>();
  for (const p of payments) {
    const account = bankAccountIn(p.bank_details);
    if (account) accounts.set(p.id, account);
    else if (!missing.includes(p.name)) missing.push(p.name);
  }
  if (missing.length)
    throw fieldError(
      'runId',
      msg('errors.sepa.vendorsWithoutIban', { count: missing.length, names: missing.join(', ') }),
    );

  const numbers = new Map<number, string[]>();
  for (const r of await store.all(
    qb
      .selectFrom('bill_payment_allocations as a')
      .innerJoin('bills as b', 'b.id', 'a.bill_id')
      .select(['a.payment_id', 'b.vendor_invoice_number', 'b.id'])
      .where(
        'a.payment_id',
        'in',
        payments.map((p) => p.id),
      )
      .orderBy('b.due_date')
      .orderBy('b.id'),
  )) {
    const list = numbers.get(r.payment_id) ?? [];
    list.push(r.vendor_invoice_number || `Bill ${r.id}`);
    numbers.set(r.payment_id, list);
  }

  const today = ctx.clock.today();
  const paymentDate = payments[0]!.payment_date;
  const executionDate = input.executionDate ?? (paymentDate > today ? paymentDate : today);
  if (executionDate < today)
    throw fieldError('executionDate', msg('errors.sepa.executionDatePastToday', { today }));
  const now = ctx.clock.now();
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const messageId = `FOLIO-${stamp}-${input.runId.replace(/-/g, '').slice(0, 8)}`;
  const transfers: SepaPayment[] = payments.map((p) => ({
    endToEndId: `FOLIO-P${p.id}`,
    creditor: { name: p.name, ...accounts.get(p.id)! },
    amount: p.amount,
    remittance: remittanceFor(numbers.get(p.id) ?? [], p.reference || 'Payment'),
  }));
  const { buildSepaXml } = await import('./sepa-file');
  const xml = buildSepaXml({
    version: input.version,
    messageId,
    createdAt: now.toISOString().slice(0, 19),
    executionDate,
    batchBooking: input.batchBooking,
    debtor: {
      name: settings.accountHolder.trim() || profile.name,
      iban: normalizeIban(settings.iban),
      bic: settings.bic.trim().toUpperCase(),
    },
    payments: transfers,
  });
  const controlSum = transfers.reduce((sum, t) => sum + t.amount, 0);
  await recordAudit(ctx, {
    entity: 'payment_run',
    entityId: input.runId,
    action: 'sepa_file',
    details: { version: input.version, messageId, transactions: transfers.length, controlSum, executionDate },
  });
  if (!xml) throw new AppError('INTERNAL', msg('errors.sepa.sepaFileCouldNot'));
  return {
    fileName: `SEPA ${executionDate} ${messageId}.xml`,
    xml,
    version: input.version,
    messageId,
    executionDate,
    transactions: transfers.length,
    controlSum,
  };
}
