import { useTranslation } from 'react-i18next';
import { Button, Group, Stack, Title } from '@mantine/core';
import { Link, Route, Routes, useLocation } from 'react-router';
import { NotFoundPage } from '../NotFoundPage';
import { AllBillsPage } from './AllBillsPage';
import { BillDetailPage } from './BillDetailPage';
import { BillFormPage } from './BillFormPage';
import { CalendarPage } from './CalendarPage';
import { CategoriesPage } from './CategoriesPage';
import { DuePage } from './DuePage';
import { ImportPage } from './ImportPage';
import { PaymentRunPage } from './PaymentRunPage';
import { PurchaseOrderFormPage, PurchaseOrderPage, PurchaseOrdersPage } from './PurchaseOrderPages';
import { RecurringFormPage, RecurringListPage } from './RecurringPages';
import { BillsNav } from './parts/BillsNav';
import { EInvoiceDropZone, ImportEInvoicesButton } from '../einvoice-in/EInvoiceImport';

/** The section's list screens share a title, the actions and the tabs. */
function Section({ children }: { children: React.ReactNode }) {
  const { pathname } = useLocation();
  const { t } = useTranslation();
  return (
    <EInvoiceDropZone>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={1} size="h2">
            {t('bills.title')}
          </Title>
          <Group gap="xs">
            <ImportEInvoicesButton />
            {pathname !== '/bills/pay' && (
              <Button variant="default" component={Link} to="/bills/pay">
                {t('bills.payBills')}
              </Button>
            )}
            <Button component={Link} to="/bills/new">
              {t('bills.newBill')}
            </Button>
          </Group>
        </Group>
        <BillsNav />
        {children}
      </Stack>
    </EInvoiceDropZone>
  );
}

export function BillsRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <Section>
            <DuePage />
          </Section>
        }
      />
      <Route
        path="all"
        element={
          <Section>
            <AllBillsPage />
          </Section>
        }
      />
      <Route
        path="calendar"
        element={
          <Section>
            <CalendarPage />
          </Section>
        }
      />
      <Route
        path="pay"
        element={
          <Section>
            <PaymentRunPage />
          </Section>
        }
      />
      <Route
        path="recurring"
        element={
          <Section>
            <RecurringListPage />
          </Section>
        }
      />
      <Route
        path="recurring/new"
        element={
          <Section>
            <RecurringFormPage />
          </Section>
        }
      />
      <Route
        path="recurring/:id"
        element={
          <Section>
            <RecurringFormPage />
          </Section>
        }
      />
      <Route
        path="orders"
        element={
          <Section>
            <PurchaseOrdersPage />
          </Section>
        }
      />
      <Route
        path="orders/new"
        element={
          <Section>
            <PurchaseOrderFormPage />
          </Section>
        }
      />
      <Route
        path="orders/:id"
        element={
          <Section>
            <PurchaseOrderPage />
          </Section>
        }
      />
      <Route
        path="orders/:id/edit"
        element={
          <Section>
            <PurchaseOrderFormPage />
          </Section>
        }
      />
      <Route
        path="import"
        element={
          <Section>
            <ImportPage />
          </Section>
        }
      />
      <Route
        path="categories"
        element={
          <Section>
            <CategoriesPage />
          </Section>
        }
      />
      <Route path="new" element={<BillFormPage />} />
      <Route path=":id" element={<BillDetailPage />} />
      <Route path=":id/edit" element={<BillFormPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
