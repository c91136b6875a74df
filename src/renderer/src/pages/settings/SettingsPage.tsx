import { Stack, Tabs, Title } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BusinessTab } from './BusinessTab';
import { PreferencesTab } from './PreferencesTab';
import { NumberingTab } from './NumberingTab';
import { BackupsTab } from './BackupsTab';
import { DocumentsTab } from './DocumentsTab';
import { EmailTab } from './EmailTab';
import { TaxesTab } from './TaxesTab';
import { NotFoundPage } from '../NotFoundPage';
import { EinvoiceTab } from '../einvoice/UnitCodesTab';
import { SharedBooksTab } from '../shared-books/SharedBooksTab';

const TABS = [
  { value: 'business', label: 'settings.tabs.business', Component: BusinessTab },
  { value: 'preferences', label: 'settings.tabs.preferences', Component: PreferencesTab },
  { value: 'taxes', label: 'settings.tabs.taxes', Component: TaxesTab },
  { value: 'numbering', label: 'settings.tabs.numbering', Component: NumberingTab },
  { value: 'documents', label: 'settings.tabs.documents', Component: DocumentsTab },
  { value: 'email', label: 'settings.tabs.email', Component: EmailTab },
  { value: 'einvoice', label: 'settings.tabs.einvoice', Component: EinvoiceTab },
  { value: 'backups', label: 'settings.tabs.backups', Component: BackupsTab },
  { value: 'shared', label: 'settings.tabs.sharedBooks', Component: SharedBooksTab },
] as const;

export function SettingsPage() {
  const { tab = 'business' } = useParams();
  const navigate = useNavigate();
  const { t } = useTranslation();
  if (!TABS.some((x) => x.value === tab)) return <NotFoundPage />;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => v && void navigate(`/settings/${v}`)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Tab key={x.value} value={x.value}>
              {t(x.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((x) => (
          <Tabs.Panel key={x.value} value={x.value} pt="md">
            <x.Component />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
