import { Card, List, Stack, Text, Title } from '@mantine/core';

/**
 * Pages whose features have not shipped yet say plainly what is coming, with no fake data.
 * Each entry is removed when its page lands.
 */
const PLANS: Record<string, { title: string; lines: string[] }> = {
  dashboard: {
    title: 'Dashboard',
    lines: [
      'Total receivable and what is overdue',
      'Money received this month',
      'Bills due in the next 7 days and overdue bills',
      'A 13-week cash-flow chart',
    ],
  },
  bills: {
    title: 'Bills',
    lines: [
      'Enter bills with the scanned original',
      'Due-date reminders and payment runs',
      'Warnings for duplicate or overbilled bills',
    ],
  },
  vendors: { title: 'Vendors', lines: ['Suppliers with their terms and bank details'] },
  reports: {
    title: 'Reports',
    lines: [
      'Receivables and payables aging',
      'Cash-flow forecast',
      'Tax summary and income by month',
      'Audit log',
    ],
  },
};

export function ComingSoon({ page }: { page: keyof typeof PLANS }) {
  const plan = PLANS[page]!;
  return (
    <Stack gap="md" maw={640}>
      <Title order={1} size="h2">
        {plan.title}
      </Title>
      <Card withBorder padding="lg">
        <Text fw={500} mb="xs">
          Coming in a later release of Folio:
        </Text>
        <List size="sm" spacing={4}>
          {plan.lines.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        <Text size="sm" c="dimmed" mt="md">
          Until then, set up your business details, numbering and backups in Settings.
        </Text>
      </Card>
    </Stack>
  );
}
