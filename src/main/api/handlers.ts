import type { Method, Output, ParsedInput } from '../../shared/api/contract';
import type { ServiceContext } from '../services/context';
import { listAudit } from '../services/audit';
import * as settings from '../services/settings';
import * as system from '../services/system';
import * as attachments from '../services/payables/attachments';
import * as bills from '../services/payables/bills';
import * as categories from '../services/payables/categories';
import * as due from '../services/payables/due';
import * as billImport from '../services/payables/import';
import * as payments from '../services/payables/payments';
import * as purchaseOrders from '../services/payables/purchase-orders';
import * as recurring from '../services/payables/recurring';
import * as reminders from '../services/payables/reminders';
import * as vendors from '../services/payables/vendors';

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
  'bills.approve': bills.approveBill,
  'bills.void': bills.voidBill,
  'bills.delete': bills.deleteBill,
  'bills.dismissWarning': bills.dismissWarning,
  'bills.uploadAttachment': attachments.uploadAttachment,
  'bills.getAttachment': attachments.getAttachment,
  'bills.recurring.list': recurring.listRecurring,
  'bills.recurring.get': recurring.getRecurring,
  'bills.recurring.create': recurring.createRecurring,
  'bills.recurring.update': recurring.updateRecurring,
  'bills.recurring.setActive': recurring.setRecurringActive,
  'bills.recurring.catchUp': recurring.catchUpNow,
  'billPayments.create': payments.createPayment,
  'billPayments.list': (ctx, input) => payments.listPayments(ctx, input),
  'billPayments.delete': payments.deletePayment,
  'billPayments.runPreview': payments.previewRun,
  'billPayments.run': payments.runPayments,
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
};
