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

export const REPORT_PAGES = [
  {
    to: '/reports/receivables-aging',
    title: 'Receivables aging',
    text: 'Who owes what, by how late, as of any date.',
    icon: IconClockHour4,
  },
  {
    to: '/reports/payables-aging',
    title: 'Payables aging',
    text: 'What you owe vendors, by how late, as of any date.',
    icon: IconHourglass,
  },
  {
    to: '/reports/cashflow',
    title: 'Cash-flow forecast',
    text: '13 weeks of money in and out, and the balance it leaves.',
    icon: IconCalendarDollar,
  },
  {
    to: '/reports/collections',
    title: 'Collections',
    text: 'Overdue customers: reminders, calls and promises to pay.',
    icon: IconPhoneCall,
  },
  {
    to: '/reports/income',
    title: 'Income and expenses',
    text: 'Invoiced against received, billed against paid, by month.',
    icon: IconChartBar,
  },
  {
    to: '/reports/tax',
    title: 'Tax summary',
    text: 'Tax collected against tax paid, per rate, cash or accrual.',
    icon: IconReceiptTax,
  },
  {
    to: '/reports/audit',
    title: 'Audit log',
    text: 'Every change, who made it and when.',
    icon: IconListSearch,
  },
];

export function ReportsIndex() {
  const navigate = useNavigate();
  return (
    <Stack>
      <Title order={1} size="h2">
        Reports
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {REPORT_PAGES.map((r) => (
          <UnstyledButton key={r.to} onClick={() => void navigate(r.to)} aria-label={r.title}>
            <Card withBorder padding="lg" h="100%">
              <r.icon size={24} stroke={1.5} aria-hidden />
              <Text fw={600} mt="xs">
                {r.title}
              </Text>
              <Text size="sm" c="dimmed">
                {r.text}
              </Text>
            </Card>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
