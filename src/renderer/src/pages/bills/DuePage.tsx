import { useTranslation } from 'react-i18next';
import { Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconReceipt } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { DueView } from '../../../../shared/api/payables';
import { useApi } from '../../api/hooks';
import { BillTable } from './parts/BillTable';
import { formatTotals, useFormat } from './parts/format';
import { FirstRecord } from './parts/FirstRecord';

const VIEWS = [
  { view: 'overdue', title: 'bills.due.overdue', empty: 'bills.due.overdueEmpty', color: 'red' },
  { view: 'next7', title: 'bills.due.next7', empty: 'bills.due.next7Empty' },
  { view: 'later', title: 'bills.due.later', empty: 'bills.due.laterEmpty' },
] as const satisfies readonly { view: DueView; title: string; empty: string; color?: string }[];

/** Due-date tracking: overdue, due in the next 7 days and later, each with its total. */
export function DuePage() {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const summary = useApi('bills.dueSummary', {});
  useHotkeys([['n', () => void navigate('/bills/new')]]);
  if (summary.data && !summary.data.hasBills) {
    return (
      <FirstRecord
        icon={IconReceipt}
        title={t('bills.due.firstTitle')}
        description={t('bills.due.firstText')}
      >
        <Button component={Link} to="/bills/new">
          {t('bills.due.firstButton')}
        </Button>
        <Button component={Link} to="/bills/import" variant="default">
          {t('bills.due.importCsv')}
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

function DueSection({
  view,
  title: titleKey,
  empty,
  color,
  count,
}: {
  view: DueView;
  title: (typeof VIEWS)[number]['title'];
  empty: (typeof VIEWS)[number]['empty'];
  color?: string;
} & {
  count?: number;
}) {
  const { t } = useTranslation();
  const title = t(titleKey);
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
            {(count ?? d?.count) !== undefined
              ? t('bills.list.count', { count: count ?? d?.count ?? 0 })
              : ''}
          </Text>
        </Group>
        {d && (
          <Text fw={600} className="num" aria-label={t('bills.due.total', { title })}>
            {formatTotals(d.totals, money, baseCurrency)}
          </Text>
        )}
      </Group>
      {!d ? (
        <Loader size="sm" aria-label={t('bills.due.loading', { title })} />
      ) : d.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t(empty)}
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
              {t('bills.due.showAll', { count: d.count })}
            </Anchor>
          )}
        </>
      )}
    </Card>
  );
}
