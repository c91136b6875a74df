import type { Method, Output, ParsedInput } from '../../shared/api/contract';
import type { ServiceContext } from '../services/context';
import { listAudit } from '../services/audit';
import * as settings from '../services/settings';
import * as system from '../services/system';
import * as taxes from '../services/receivables/taxes';
import * as items from '../services/receivables/items';
import * as customers from '../services/receivables/customers';
import * as documents from '../services/receivables/documents';
import * as lifecycle from '../services/receivables/document-lifecycle';
import { getDocument } from '../services/receivables/document-read';
import { documentTotals, listDocuments } from '../services/receivables/document-list';
import * as payments from '../services/receivables/payments';
import * as recurring from '../services/receivables/recurring';
import * as printingSettings from '../services/printing/settings';
import * as pdf from '../services/printing/pdf';
import * as bulkExport from '../services/printing/export';
import * as mailSettings from '../services/mail/settings';
import * as outbox from '../services/mail/outbox';
import * as reminders from '../services/mail/reminders';

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
  'system.info': system.systemInfo,
  'backups.list': system.backupsList,
  'backups.create': system.backupNow,
  'backups.restore': system.backupRestore,
  'audit.list': listAudit,

  'settings.get': settings.getSettings,
  'settings.completeSetup': settings.completeSetup,
  'settings.updateProfile': settings.updateProfile,
  'settings.updatePreferences': settings.updatePreferences,
  'settings.updateNumbering': settings.updateNumbering,
  'settings.setLogo': settings.setLogo,
  'settings.removeLogo': settings.removeLogo,
  'settings.getLogo': settings.getLogo,

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
  'payments.undo': payments.undoPayment,

  'recurring.list': recurring.listRecurring,
  'recurring.get': recurring.getRecurring,
  'recurring.create': recurring.createRecurring,
  'recurring.update': recurring.updateRecurring,
  'recurring.setPaused': recurring.setRecurringPaused,
  'recurring.delete': recurring.deleteRecurring,

  'printing.getSettings': printingSettings.getDocumentSettings,
  'printing.updateSettings': printingSettings.updateDocumentSettings,
  'printing.render': pdf.renderForApi,
  'printing.openForPrint': pdf.openForPrint,
  'printing.exportStart': bulkExport.startExport,
  'printing.exportStatus': bulkExport.exportStatus,
  'printing.exportDownload': bulkExport.exportDownload,
  'printing.exportCancel': bulkExport.exportCancel,

  'mail.getSettings': mailSettings.getMailSettings,
  'mail.updateAccount': mailSettings.updateAccount,
  'mail.updateTemplate': mailSettings.updateTemplate,
  'mail.resetTemplate': mailSettings.resetTemplate,
  'mail.updateReminderLevels': mailSettings.updateReminderLevels,
  'mail.sendTest': outbox.sendTestEmail,
  'mail.compose': outbox.composeMessage,
  'mail.send': outbox.sendMessage,
  'mail.draft': outbox.draftMessage,
  'mail.history': outbox.mailHistory,
  'outbox.list': outbox.listOutbox,
  'outbox.retry': outbox.retryMessage,
  'outbox.cancel': outbox.cancelMessage,
  'reminders.list': reminders.listReminders,
  'reminders.refresh': reminders.refreshReminders,
  'reminders.approve': reminders.approveReminders,
  'reminders.dismiss': reminders.dismissReminders,
};
