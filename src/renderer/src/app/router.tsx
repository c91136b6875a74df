import { Navigate, createHashRouter } from 'react-router';
import { AppLayout } from './AppLayout';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { HelpPage } from '../pages/HelpPage';
import { OutboxPage } from '../pages/document-output/OutboxPage';
import { InvoicesPage, QuotesPage } from '../pages/documents/SalesPages';
import { DocumentEditorPage } from '../pages/documents/DocumentEditor';
import { DocumentViewPage } from '../pages/documents/DocumentView';
import { RecurringEditorPage } from '../pages/recurring/RecurringEditor';
import { CustomersList } from '../pages/customers/CustomersList';
import { CustomerFormPage } from '../pages/customers/CustomerForm';
import { CustomerViewPage } from '../pages/customers/CustomerView';
import { ItemsPage } from '../pages/items/ItemsPage';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { ReportsIndex } from '../pages/reports/ReportsIndex';
import { PayablesAgingReport, ReceivablesAgingReport } from '../pages/reports/AgingReport';
import { CashflowReport } from '../pages/reports/CashflowReport';
import { CollectionsReport } from '../pages/reports/CollectionsReport';
import { IncomeReport } from '../pages/reports/IncomeReport';
import { TaxReport } from '../pages/reports/TaxReport';
import { AuditLogReport } from '../pages/reports/AuditLogReport';
import { BillsRoutes } from '../pages/bills/BillsRoutes';
import { NotFoundPage } from '../pages/NotFoundPage';
import { VendorsRoutes } from '../pages/vendors/VendorsRoutes';
import { BankRoutes } from '../pages/bank/BankRoutes';

/**
 * Hash routes: they survive a reload in browser mode and work unchanged on app:// in the
 * desktop app, with no server-side routing.
 */
export const router = createHashRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'invoices', element: <InvoicesPage /> },
      { path: 'invoices/credit-notes', element: <InvoicesPage /> },
      { path: 'invoices/payments', element: <InvoicesPage /> },
      { path: 'invoices/recurring', element: <InvoicesPage /> },
      { path: 'invoices/recurring/new', element: <RecurringEditorPage /> },
      { path: 'invoices/recurring/:id', element: <RecurringEditorPage /> },
      { path: 'invoices/new', element: <DocumentEditorPage type="invoice" /> },
      { path: 'invoices/:id', element: <DocumentViewPage type="invoice" /> },
      { path: 'invoices/:id/edit', element: <DocumentEditorPage type="invoice" /> },
      { path: 'quotes', element: <QuotesPage /> },
      { path: 'quotes/new', element: <DocumentEditorPage type="quote" /> },
      { path: 'quotes/:id', element: <DocumentViewPage type="quote" /> },
      { path: 'quotes/:id/edit', element: <DocumentEditorPage type="quote" /> },
      { path: 'credit-notes/:id', element: <DocumentViewPage type="credit_note" /> },
      { path: 'credit-notes/:id/edit', element: <DocumentEditorPage type="credit_note" /> },
      { path: 'customers', element: <CustomersList /> },
      { path: 'customers/new', element: <CustomerFormPage /> },
      { path: 'customers/:id', element: <CustomerViewPage /> },
      { path: 'customers/:id/edit', element: <CustomerFormPage /> },
      { path: 'items', element: <ItemsPage /> },
      { path: 'reports', element: <ReportsIndex /> },
      { path: 'reports/receivables-aging', element: <ReceivablesAgingReport /> },
      { path: 'reports/payables-aging', element: <PayablesAgingReport /> },
      { path: 'reports/cashflow', element: <CashflowReport /> },
      { path: 'reports/collections', element: <CollectionsReport /> },
      { path: 'reports/income', element: <IncomeReport /> },
      { path: 'reports/tax', element: <TaxReport /> },
      { path: 'reports/audit', element: <AuditLogReport /> },
      { path: 'bills/*', element: <BillsRoutes /> },
      { path: 'vendors/*', element: <VendorsRoutes /> },
      { path: 'bank/*', element: <BankRoutes /> },
      { path: 'outbox', element: <Navigate to="/outbox/reminders" replace /> },
      { path: 'outbox/:tab', element: <OutboxPage /> },
      { path: 'settings', element: <Navigate to="/settings/business" replace /> },
      { path: 'settings/:tab', element: <SettingsPage /> },
      { path: 'help', element: <HelpPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
