import { Navigate, createHashRouter } from 'react-router';
import { AppLayout } from './AppLayout';
import { ComingSoon } from '../pages/ComingSoon';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { HelpPage } from '../pages/HelpPage';
import { DocumentPage } from '../pages/documents/DocumentPage';
import { OutboxPage } from '../pages/documents/OutboxPage';

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
      { path: 'dashboard', element: <ComingSoon page="dashboard" /> },
      { path: 'invoices/*', element: <ComingSoon page="invoices" /> },
      { path: 'quotes/*', element: <ComingSoon page="quotes" /> },
      { path: 'customers/*', element: <ComingSoon page="customers" /> },
      { path: 'items/*', element: <ComingSoon page="items" /> },
      { path: 'bills/*', element: <ComingSoon page="bills" /> },
      { path: 'vendors/*', element: <ComingSoon page="vendors" /> },
      { path: 'reports/*', element: <ComingSoon page="reports" /> },
      { path: 'documents/:id', element: <DocumentPage /> },
      { path: 'outbox', element: <Navigate to="/outbox/reminders" replace /> },
      { path: 'outbox/:tab', element: <OutboxPage /> },
      { path: 'settings', element: <Navigate to="/settings/business" replace /> },
      { path: 'settings/:tab', element: <SettingsPage /> },
      { path: 'help', element: <HelpPage /> },
      { path: '*', element: <Navigate to="/dashboard" replace /> },
    ],
  },
]);
