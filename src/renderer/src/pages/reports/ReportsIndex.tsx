import { Card, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import {
  IconCalendarDollar,
  IconChartBar,
  IconClockHour4,
  IconHourglass,
  IconListSearch,
  IconPhoneCall,
  IconReceiptTax,
} from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The reports, each with its title and summary as catalogue keys. */
export const REPORT_PAGES = [
  {
    to: '/reports/receivables-aging',
    title: 'reports.aging.receivables.title',
    text: 'reports.index.receivablesAging',
    icon: IconClockHour4,
  },
  {
    to: '/reports/payables-aging',
    title: 'reports.aging.payables.title',
    text: 'reports.index.payablesAging',
    icon: IconHourglass,
  },
  {
    to: '/reports/cashflow',
    title: 'reports.cashflow.title',
    text: 'reports.index.cashflow',
    icon: IconCalendarDollar,
  },
  {
    to: '/reports/collections',
    title: 'reports.collections.title',
    text: 'reports.index.collections',
    icon: IconPhoneCall,
  },
  {
    to: '/reports/income',
    title: 'reports.income.title',
    text: 'reports.index.income',
    icon: IconChartBar,
  },
  {
    to: '/reports/tax',
    title: 'reports.tax.title',
    text: 'reports.index.tax',
    icon: IconReceiptTax,
  },
  {
    to: '/reports/audit',
    title: 'audit.log.title',
    text: 'reports.index.audit',
    icon: IconListSearch,
  },
] as const;

export function ReportsIndex() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('reports.index.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {REPORT_PAGES.map((r) => (
          <UnstyledButton key={r.to} onClick={() => void navigate(r.to)} aria-label={t(r.title)}>
            <Card withBorder padding="lg" h="100%">
              <r.icon size={24} stroke={1.5} aria-hidden />
              <Text fw={600} mt="xs">
                {t(r.title)}
              </Text>
              <Text size="sm" c="dimmed">
                {t(r.text)}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
