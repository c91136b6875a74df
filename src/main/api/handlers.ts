import type { Method, Output, ParsedInput } from '../../shared/api/contract';
import type { ServiceContext } from '../services/context';
import { listAudit } from '../services/audit';
import * as settings from '../services/settings';
import * as system from '../services/system';
import * as backupFiles from '../services/backup-files';
import * as taxes from '../services/receivables/taxes';
import * as items from '../services/receivables/items';
import * as customers from '../services/receivables/customers';
import * as documents from '../services/receivables/documents';
import * as lifecycle from '../services/receivables/document-lifecycle';
import { getDocument } from '../services/receivables/document-read';
import { documentTotals, listDocuments } from '../services/receivables/document-list';
import * as payments from '../services/receivables/payments';
import * as recurring from '../services/receivables/recurring';
import { dashboardSummary } from '../services/reports/dashboard';
import { receivablesAging, receivablesAgingItems } from '../services/reports/receivables-aging';
import { payablesAging, payablesAgingItems } from '../services/reports/payables-aging';
import { cashflowForecast } from '../services/reports/cashflow';
import { incomeExpenses } from '../services/reports/income';
import { taxSummary } from '../services/reports/tax-summary';
import { exportCsv } from '../services/reports/export-csv';
import { updateReportSettings } from '../services/reports/report-settings';
import * as collections from '../services/reports/collections';
import * as attachments from '../services/payables/attachments';
import * as bills from '../services/payables/bills';
import * as categories from '../services/payables/categories';
import * as due from '../services/payables/due';
import * as billImport from '../services/payables/import';
import * as billPayments from '../services/payables/payments';
import * as purchaseOrders from '../services/payables/purchase-orders';
import * as recurringBills from '../services/payables/recurring';
import * as reminders from '../services/payables/reminders';
import * as vendors from '../services/payables/vendors';
import * as bankAccounts from '../services/bank/accounts';
import * as bankMatching from '../services/bank/matching';

// Documents and mail load on first use: opening the app does not need them (cold start).
const printingSettings = () => import('../services/printing/settings');
const pdf = () => import('../services/printing/pdf');
const documentLanguage = () => import('../services/printing/language');
const bulkExport = () => import('../services/printing/export');
const mailSettings = () => import('../services/mail/settings');
const outbox = () => import('../services/mail/outbox');
// E-invoice import (SaxonJS, MuPDF) loads on first use too.
const einvoiceImport = () => import('../services/einvoice/import');
const rulePool = () => import('../services/einvoice/validate-pool');
const vendorCredits = () => import('../services/payables/vendor-credits');
const invoiceReminders = () => import('../services/mail/reminders');
const einvoice = () => import('../services/einvoice/export');
// Shared books (connecting to a PostgreSQL server) load on first use.
const sharedBooks = () => import('../services/shared-books/connection');
const moveBooks = () => import('../services/shared-books/move');
const serverBackups = () => import('../services/shared-books/server-backups');
// Bank statement files (camt, OFX, MT940: the XML parser) load with the first import.
const bankStatements = () => import('../services/bank/statements');

export type Handler<M extends Method> = (
  ctx: ServiceContext,
  input: ParsedInput<M>,
) => Output<M> | Promise<Output<M>>;

export type Handlers = { [M in Method]: Handler<M> };

/**
 * Method name -> service function. The type makes a missing or mistyped handler a compile
 * error, so the contract and the implementation cannot drift apart.
 */
export const handlers: Handlers = {
  'system.health': (ctx) => ctx.host.health(),
  'sharedBooks.status': async (ctx) => (await sharedBooks()).sharedBooksStatus(ctx),
  'sharedBooks.connect': async (ctx, input) => await (await sharedBooks()).connectSharedBooks(ctx, input),
  'sharedBooks.disconnect': async (ctx) => (await sharedBooks()).disconnectSharedBooks(ctx),
  'sharedBooks.move': async (ctx, input) => await (await moveBooks()).startMove(ctx, input),
  'sharedBooks.moveStatus': async (ctx) => (await moveBooks()).moveStatus(ctx),
  'sharedBooks.moveCancel': async (ctx) => (await moveBooks()).cancelMove(ctx),
  'sharedBooks.restart': async (ctx) => (await moveBooks()).restartOnSharedBooks(ctx),
  'sharedBooks.ping': async (ctx) =>
    ctx.host.engine === 'postgres'
      ? { mode: 'shared' as const, ...(await ctx.host.ping()) }
      : { mode: 'local' as const, reachable: true, awaySince: null },
  'sharedBooks.backups': async (ctx) => await (await serverBackups()).listServerBackups(ctx),
  'sharedBooks.backUpNow': async (ctx) => await (await serverBackups()).backUpSharedBooks(ctx, false),
  'sharedBooks.restoreToNew': async (ctx, input) =>
    await (await serverBackups()).restoreToNewDatabase(ctx, input),
  'sharedBooks.useDatabase': async (ctx, input) => (await serverBackups()).useRestoredDatabase(ctx, input),
  'system.info': system.systemInfo,
  'backups.list': system.backupsList,
  'backups.create': system.backupNow,
  'backups.restore': system.backupRestore,
  'system.startNewBook': system.startNewBook,
  'backups.settings': backupFiles.backupSettings,
  'backups.updateSettings': backupFiles.updateBackupSettings,
  'backups.saveToFile': backupFiles.saveBackupToFile,
  'backups.restoreFromFile': backupFiles.restoreBackupFromFile,
  'audit.list': listAudit,

  'settings.get': settings.getSettings,
  'settings.completeSetup': settings.completeSetup,
  'settings.updateProfile': settings.updateProfile,
  'settings.updatePreferences': settings.updatePreferences,
  'settings.updateNumbering': settings.updateNumbering,
  'settings.setLogo': settings.setLogo,
  'settings.removeLogo': settings.removeLogo,
  'settings.getLogo': settings.getLogo,
  'settings.getSmallBusiness': settings.getSmallBusiness,
  'settings.updateSmallBusiness': settings.updateSmallBusiness,

  'taxes.list': taxes.listTaxes,
  'taxes.create': taxes.createTax,
  'taxes.update': taxes.updateTax,
  'taxes.setArchived': taxes.setTaxArchived,
  'items.list': items.listItems,
  'items.get': items.getItem,
  'items.create': items.createItem,
  'items.update': items.updateItem,
  'items.setArchived': items.setItemArchived,

  'customers.list': customers.listCustomers,
  'customers.get': customers.getCustomer,
  'customers.create': customers.createCustomer,
  'customers.update': customers.updateCustomer,
  'customers.checkDuplicates': customers.checkDuplicates,
  'customers.setArchived': customers.setCustomerArchived,
  'customers.delete': customers.deleteCustomer,

  'documents.list': listDocuments,
  'documents.totals': documentTotals,
  'documents.get': getDocument,
  'documents.create': documents.createDocument,
  'documents.update': documents.updateDocument,
  'documents.deleteDraft': documents.deleteDraft,
  'documents.issue': lifecycle.issueDocument,
  'documents.void': lifecycle.voidDocument,
  'documents.duplicate': lifecycle.duplicateDocument,
  'documents.nextNumber': documents.nextNumber,
  'quotes.setStatus': lifecycle.setQuoteStatus,
  'quotes.convert': lifecycle.convertQuote,
  'creditNotes.fromInvoice': lifecycle.creditNoteFromInvoice,
  'creditNotes.apply': lifecycle.applyCreditNote,

  'payments.list': payments.listPayments,
  'payments.get': payments.getPayment,
  'payments.record': payments.recordPayment,
  'payments.applyCredit': payments.applyPaymentCredit,
  'payments.creditFor': payments.creditFor,
  'payments.useCredit': payments.useCredit,
  'payments.undo': payments.undoPayment,

  'recurring.list': recurring.listRecurring,
  'recurring.get': recurring.getRecurring,
  'recurring.create': recurring.createRecurring,
  'recurring.update': recurring.updateRecurring,
  'recurring.setPaused': recurring.setRecurringPaused,
  'recurring.delete': recurring.deleteRecurring,

  'printing.getSettings': async (ctx) => await (await printingSettings()).getDocumentSettings(ctx),
  'printing.updateSettings': async (ctx, input) =>
    await (await printingSettings()).updateDocumentSettings(ctx, input),
  'printing.getLanguageSettings': async (ctx) => await (await documentLanguage()).languageSettingsOutput(ctx),
  'printing.updateLanguageSettings': async (ctx, input) =>
    await (await documentLanguage()).updateDocumentLanguageSettings(ctx, input),
  'printing.render': async (ctx, input) => (await pdf()).renderForApi(ctx, input),
  'printing.openForPrint': async (ctx, input) => (await pdf()).openForPrint(ctx, input),
  'printing.exportStart': async (ctx, input) => await (await bulkExport()).startExport(ctx, input),
  'printing.exportStatus': async (ctx, input) => (await bulkExport()).exportStatus(ctx, input),
  'printing.exportDownload': async (ctx, input) => (await bulkExport()).exportDownload(ctx, input),
  'printing.exportCancel': async (ctx, input) => (await bulkExport()).exportCancel(ctx, input),

  'einvoice.options': async (ctx, input) => await (await einvoice()).einvoiceOptions(ctx, input),
  'einvoice.preflight': async (ctx, input) => await (await einvoice()).preflight(ctx, input),
  'einvoice.download': async (ctx, input) => (await einvoice()).downloadEinvoice(ctx, input),
  'einvoice.getUnitCodes': async (ctx) => await (await einvoice()).getUnitCodes(ctx),
  'einvoice.setUnitCodes': async (ctx, input) => await (await einvoice()).setUnitCodes(ctx, input),

  'mail.getSettings': async (ctx, input) => await (await mailSettings()).getMailSettings(ctx, input.language),
  'mail.updateAccount': async (ctx, input) => await (await mailSettings()).updateAccount(ctx, input),
  'mail.setPasswordHere': async (ctx, input) => {
    const settings = await (await mailSettings()).setPasswordHere(ctx, input);
    // Messages waiting for a computer that can send go out from this one now.
    if (input.password !== '') void (await outbox()).kickSender(ctx);
    return settings;
  },
  'mail.updateTemplate': async (ctx, input) => await (await mailSettings()).updateTemplate(ctx, input),
  'mail.resetTemplate': async (ctx, input) => await (await mailSettings()).resetTemplate(ctx, input),
  'mail.updateReminderLevels': async (ctx, input) =>
    await (await mailSettings()).updateReminderLevels(ctx, input),
  'mail.sendTest': async (ctx, input) => (await outbox()).sendTestEmail(ctx, input),
  'mail.compose': async (ctx, input) => await (await outbox()).composeMessage(ctx, input),
  'mail.send': async (ctx, input) => (await outbox()).sendMessage(ctx, input),
  'mail.draft': async (ctx, input) => (await outbox()).draftMessage(ctx, input),
  'mail.history': async (ctx, input) => await (await outbox()).mailHistory(ctx, input),
  'outbox.list': async (ctx, input) => await (await outbox()).listOutbox(ctx, input),
  'outbox.retry': async (ctx, input) => await (await outbox()).retryMessage(ctx, input),
  'outbox.cancel': async (ctx, input) => await (await outbox()).cancelMessage(ctx, input),
  'invoiceReminders.list': async (ctx, input) => await (await invoiceReminders()).listReminders(ctx, input),
  'invoiceReminders.refresh': async (ctx) => await (await invoiceReminders()).refreshReminders(ctx),
  'invoiceReminders.approve': async (ctx, input) => (await invoiceReminders()).approveReminders(ctx, input),
  'invoiceReminders.approveByCustomer': async (ctx, input) =>
    (await invoiceReminders()).approveRemindersByCustomer(ctx, input),
  'invoiceReminders.dismiss': async (ctx, input) =>
    await (await invoiceReminders()).dismissReminders(ctx, input),
  'dashboard.summary': dashboardSummary,
  'reports.receivablesAging': receivablesAging,
  'reports.receivablesAgingItems': receivablesAgingItems,
  'reports.payablesAging': payablesAging,
  'reports.payablesAgingItems': payablesAgingItems,
  'reports.cashflow': cashflowForecast,
  'reports.setOpeningBalance': async (ctx, input) =>
    (await updateReportSettings(ctx, { openingBalance: input })).openingBalance!,
  'reports.incomeExpenses': incomeExpenses,
  'reports.taxSummary': taxSummary,
  'reports.setTaxBasis': async (ctx, input) => ({
    basis: (await updateReportSettings(ctx, { taxBasis: input.basis })).taxBasis,
  }),
  'reports.exportCsv': exportCsv,
  'collections.list': collections.listCollections,
  'collections.notes': collections.collectionNotes,
  'collections.logCall': collections.logCall,
  'collections.recordPromise': collections.recordPromise,
  'collections.setFlag': collections.setCollectionFlag,
  'expenseCategories.list': categories.listCategories,
  'expenseCategories.create': categories.createCategory,
  'expenseCategories.update': categories.updateCategory,
  'vendors.list': vendors.listVendors,
  'vendors.get': vendors.getVendor,
  'vendors.create': vendors.createVendor,
  'vendors.update': vendors.updateVendor,
  'vendors.setArchived': vendors.setVendorArchived,
  'bills.check': bills.checkBillInput,
  'bills.create': bills.createBill,
  'bills.update': bills.updateBill,
  'bills.get': bills.getBill,
  'bills.list': bills.listBills,
  'bills.due': due.dueView,
  'bills.dueSummary': due.dueSummary,
  'bills.calendar': due.dueCalendar,
  'bills.suggestRate': bills.suggestRate,
  'bills.approve': bills.approveBill,
  'bills.void': bills.voidBill,
  'bills.delete': bills.deleteBill,
  'bills.dismissWarning': bills.dismissWarning,
  'bills.uploadAttachment': attachments.uploadAttachment,
  'bills.getAttachment': attachments.getAttachment,
  'bills.recurring.list': recurringBills.listRecurring,
  'bills.recurring.get': recurringBills.getRecurring,
  'bills.recurring.create': recurringBills.createRecurring,
  'bills.recurring.update': recurringBills.updateRecurring,
  'bills.recurring.setActive': recurringBills.setRecurringActive,
  'bills.recurring.catchUp': recurringBills.catchUpNow,
  'billPayments.create': billPayments.createPayment,
  'billPayments.list': async (ctx, input) => await billPayments.listPayments(ctx, input),
  'billPayments.delete': billPayments.deletePayment,
  'billPayments.runPreview': billPayments.previewRun,
  'billPayments.run': billPayments.runPayments,
  'billPayments.sepaFile': async (ctx, input) =>
    (await import('../services/payables/sepa')).sepaFile(ctx, input),
  'purchaseOrders.list': purchaseOrders.listPurchaseOrders,
  'purchaseOrders.get': purchaseOrders.getPurchaseOrder,
  'purchaseOrders.create': purchaseOrders.createPurchaseOrder,
  'purchaseOrders.update': purchaseOrders.updatePurchaseOrder,
  'purchaseOrders.setStatus': purchaseOrders.setPurchaseOrderStatus,
  'reminders.list': reminders.listReminders,
  'reminders.snooze': reminders.snooze,
  'reminders.unsnooze': reminders.unsnooze,
  'reminders.takeDesktopNotifications': reminders.takeDesktopNotifications,
  'reminders.getSettings': reminders.getReminderSettings,
  'reminders.updateSettings': reminders.updateReminderSettings,
  'billImport.preview': billImport.previewImport,
  'billImport.commit': billImport.commitImport,
  'bank.accounts.list': bankAccounts.listAccounts,
  'bank.accounts.get': bankAccounts.getAccount,
  'bank.accounts.create': bankAccounts.createAccount,
  'bank.accounts.update': bankAccounts.updateAccount,
  'bank.accounts.archive': bankAccounts.archiveAccount,
  'bank.import.preview': async (ctx, input) => (await bankStatements()).previewImport(ctx, input),
  'bank.import.commit': async (ctx, input) => (await bankStatements()).commitImport(ctx, input),
  'bank.lines.list': bankMatching.listLines,
  'bank.lines.suggest': bankMatching.suggest,
  'bank.lines.confirm': bankMatching.confirm,
  'bank.lines.undo': bankMatching.undo,
  'bank.lines.categorize': bankMatching.categorize,
  'bank.rules.list': async (ctx) => await bankMatching.listRules(ctx),
  'bank.rules.delete': bankMatching.deleteRule,
  'bank.reconcile.status': bankAccounts.reconcileStatus,
  'bank.reconcile.mark': bankAccounts.markReconciled,
  'einvoiceImport.prepare': async () => ({ threads: await (await rulePool()).prepareRuleThreads() }),
  'einvoiceImport.preview': async (ctx, input) => (await einvoiceImport()).previewEInvoices(ctx, input),
  'einvoiceImport.commit': async (ctx, input) => (await einvoiceImport()).commitEInvoices(ctx, input),
  'einvoices.forBill': async (ctx, input) => await (await einvoiceImport()).einvoiceForBill(ctx, input),
  'vendorCredits.list': async (ctx, input) => await (await einvoiceImport()).listVendorCredits(ctx, input),
  'einvoices.forVendorCredit': async (ctx, input) =>
    await (await einvoiceImport()).einvoiceForVendorCredit(ctx, input),
  'vendorCredits.forBill': async (ctx, input) => await (await vendorCredits()).creditsForBill(ctx, input),
  'vendorCredits.get': async (ctx, input) => await (await vendorCredits()).getVendorCredit(ctx, input),
  'vendorCredits.apply': async (ctx, input) => await (await vendorCredits()).applyVendorCredit(ctx, input),
  'vendorCredits.unapply': async (ctx, input) =>
    await (await vendorCredits()).unapplyVendorCredit(ctx, input),
};
