import { Stack, Tabs, Title } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { BusinessTab } from './BusinessTab';
import { PreferencesTab } from './PreferencesTab';
import { NumberingTab } from './NumberingTab';
import { BackupsTab } from './BackupsTab';
import { DocumentsTab } from './DocumentsTab';
import { EmailTab } from './EmailTab';
import { TaxesTab } from './TaxesTab';
import { NotFoundPage } from '../NotFoundPage';
import { EinvoiceTab } from '../einvoice/UnitCodesTab';

const TABS = [
  { value: 'business', label: 'Business profile', Component: BusinessTab },
  { value: 'preferences', label: 'Preferences', Component: PreferencesTab },
  { value: 'taxes', label: 'Taxes', Component: TaxesTab },
  { value: 'numbering', label: 'Numbering', Component: NumberingTab },
  { value: 'documents', label: 'Documents', Component: DocumentsTab },
  { value: 'email', label: 'Mail', Component: EmailTab },
  { value: 'einvoice', label: 'E-invoices', Component: EinvoiceTab },
  { value: 'backups', label: 'Backups', Component: BackupsTab },
] as const;

export function SettingsPage() {
  const { tab = 'business' } = useParams();
  const navigate = useNavigate();
  if (!TABS.some((t) => t.value === tab)) return <NotFoundPage />;
  return (
    <Stack>
      <Title order={1} size="h2">
        Settings
      </Title>
      <Tabs value={tab} onChange={(v) => v && void navigate(`/settings/${v}`)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((t) => (
          <Tabs.Panel key={t.value} value={t.value} pt="md">
            <t.Component />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
