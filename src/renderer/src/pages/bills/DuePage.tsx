import { Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconReceipt } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { DueView } from '../../../../shared/api/payables';
import { useApi } from '../../api/hooks';
import { BillTable } from './parts/BillTable';
import { formatTotals, useFormat } from './parts/format';
import { FirstRecord } from './parts/FirstRecord';

const VIEWS: { view: DueView; title: string; empty: string; color?: string }[] = [
  { view: 'overdue', title: 'Overdue', empty: 'Nothing overdue.', color: 'red' },
  { view: 'next7', title: 'Due in the next 7 days', empty: 'Nothing due in the next 7 days.' },
  { view: 'later', title: 'Due later', empty: 'Nothing due later.' },
];

/** Due-date tracking: overdue, due in the next 7 days and later, each with its total. */
export function DuePage() {
  const navigate = useNavigate();
  const summary = useApi('bills.dueSummary', {});
  useHotkeys([['n', () => void navigate('/bills/new')]]);
  if (summary.data && !summary.data.hasBills) {
    return (
      <FirstRecord
        icon={IconReceipt}
        title="No bills yet"
        description="Enter a bill from a vendor, with its scan, and Folio will remind you before it is due."
      >
        <Button component={Link} to="/bills/new">
          Enter your first bill
        </Button>
        <Button component={Link} to="/bills/import" variant="default">
          Import from CSV
        </Button>
      </FirstRecord>
    );
  }
  return (
    <Stack gap="md">
      {VIEWS.map((v) => (
        <DueSection key={v.view} {...v} count={summary.data?.[v.view].count} />
      ))}
    </Stack>
  );
}

function DueSection({ view, title, empty, color, count }: (typeof VIEWS)[number] & { count?: number }) {
  const { money, baseCurrency } = useFormat();
  const data = useApi('bills.due', { view, limit: 50 });
  const d = data.data;
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={2} size="h4" c={color && d?.count ? color : undefined}>
            {title}
          </Title>
          <Text c="dimmed" size="sm">
            {count ?? d?.count ?? ''} {(count ?? d?.count) === 1 ? 'bill' : 'bills'}
          </Text>
        </Group>
        {d && (
          <Text fw={600} className="num" aria-label={`${title} total`}>
            {formatTotals(d.totals, money, baseCurrency)}
          </Text>
        )}
      </Group>
      {!d ? (
        <Loader size="sm" aria-label={`Loading ${title.toLowerCase()}`} />
      ) : d.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <>
          <BillTable rows={d.rows} label={title} />
          {d.count > d.rows.length && (
            <Anchor
              component={Link}
              to={`/bills/all?filter=${view === 'overdue' ? 'overdue' : 'open'}`}
              size="sm"
              mt="xs"
            >
              Show all {d.count}
            </Anchor>
          )}
        </>
      )}
    </Card>
  );
}
