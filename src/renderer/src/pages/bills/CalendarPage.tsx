import { useTranslation } from 'react-i18next';
import { ActionIcon, Anchor, Box, Card, Group, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { BILL_STATUS_COLORS } from '../../../../shared/domain/bill-status';
import { BILL_STATUS } from './parts/labels';
import { addMonths, daysInMonth, localToday } from '../../../../shared/domain/dates';
import { useApi } from '../../api/hooks';
import { formatTotals, useFormat } from './parts/format';

/** First day of the week in the locale (1 = Monday … 7 = Sunday). */
function firstDayOfWeek(locale: string): number {
  try {
    const l = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    return l.getWeekInfo?.().firstDay ?? l.weekInfo?.firstDay ?? 1;
  } catch {
    return 1;
  }
}

const MAX_PER_DAY = 3;

/** A month calendar of due dates; each bill shows its status by colour and in its label. */
export function CalendarPage() {
  const { money, locale, baseCurrency } = useFormat();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '')
    ? params.get('month')!
    : localToday().slice(0, 7);
  const cal = useApi('bills.calendar', { month });
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = firstDayOfWeek(locale);
  const startWeekday = ((new Date(Date.UTC(y, m - 1, 1)).getUTCDay() || 7) - first + 7) % 7;
  const cells = [
    ...Array(startWeekday).fill(null),
    ...Array.from({ length: daysInMonth(y, m) }, (_, i) => i + 1),
  ];
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, ((first + i - 1) % 7) + 1)),
    ),
  );
  const byDay = new Map((cal.data?.days ?? []).map((d) => [Number(d.date.slice(8)), d.bills]));
  const go = (delta: number) => setParams({ month: addMonths(`${month}-01`, delta).slice(0, 7) });
  const title = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
  const today = cal.data?.today ?? localToday();

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="xs">
          <ActionIcon variant="default" aria-label={t('bills.calendar.previous')} onClick={() => go(-1)}>
            <IconChevronLeft size={16} />
          </ActionIcon>
          <Title order={2} size="h4" miw={180} ta="center">
            {title}
          </Title>
          <ActionIcon variant="default" aria-label={t('bills.calendar.next')} onClick={() => go(1)}>
            <IconChevronRight size={16} />
          </ActionIcon>
        </Group>
        {cal.data && (
          <Text size="sm">
            {t('bills.calendar.owed')}{' '}
            <strong className="num">{formatTotals(cal.data.totals, money, baseCurrency)}</strong>
          </Text>
        )}
      </Group>
      <Card withBorder padding={0}>
        <SimpleGrid cols={7} spacing={0} role="grid" aria-label={t('bills.calendar.label', { month: title })}>
          {weekdays.map((w) => (
            <Text
              key={w}
              size="xs"
              fw={600}
              c="dimmed"
              ta="center"
              py={6}
              role="columnheader"
              style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            >
              {w}
            </Text>
          ))}
          {cells.map((day, i) => {
            const iso = day ? `${month}-${String(day).padStart(2, '0')}` : '';
            const bills = day ? (byDay.get(day) ?? []) : [];
            return (
              <Box
                key={i}
                role="gridcell"
                aria-label={
                  day
                    ? bills.length
                      ? t('bills.calendar.dayWithBills', { day, month: title, count: bills.length })
                      : `${day} ${title}`
                    : undefined
                }
                p={6}
                mih={96}
                style={{
                  borderRight: (i + 1) % 7 ? '1px solid var(--mantine-color-default-border)' : undefined,
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                  background:
                    iso === today
                      ? 'var(--mantine-color-indigo-light)'
                      : day
                        ? undefined
                        : 'var(--mantine-color-default-hover)',
                }}
              >
                {day && (
                  <Text size="xs" fw={iso === today ? 700 : 500} c={iso === today ? 'indigo' : 'dimmed'}>
                    {day}
                  </Text>
                )}
                <Stack gap={2} mt={2}>
                  {bills.slice(0, MAX_PER_DAY).map((b) => (
                    <Tooltip
                      key={b.id}
                      label={`${b.vendorName} ${b.vendorInvoiceNumber} · ${t(BILL_STATUS[b.displayStatus])}`}
                    >
                      <Anchor
                        component={Link}
                        to={`/bills/${b.id}`}
                        size="xs"
                        underline="never"
                        px={4}
                        style={{
                          display: 'block',
                          borderLeft: `3px solid var(--mantine-color-${BILL_STATUS_COLORS[b.displayStatus]}-6)`,
                          background: `var(--mantine-color-${BILL_STATUS_COLORS[b.displayStatus]}-light)`,
                          color: 'var(--mantine-color-text)',
                          whiteSpace: 'nowrap',
                          overflow: 'hidden',
                          textOverflow: 'ellipsis',
                        }}
                      >
                        {b.vendorName}{' '}
                        <span className="num">
                          {money(b.displayStatus === 'paid' ? b.total : b.balance, b.currency)}
                        </span>
                        <span className="visually-hidden"> {t(BILL_STATUS[b.displayStatus])}</span>
                      </Anchor>
                    </Tooltip>
                  ))}
                  {bills.length > MAX_PER_DAY && (
                    <Anchor component={Link} to={`/bills/all`} size="xs" c="dimmed">
                      {t('bills.calendar.more', { count: bills.length - MAX_PER_DAY })}
                    </Anchor>
                  )}
                </Stack>
              </Box>
            );
          })}
        </SimpleGrid>
      </Card>
      <Group gap="md">
        {(['overdue', 'awaiting_payment', 'partially_paid', 'paid'] as const).map((s) => (
          <Group key={s} gap={4}>
            <Box
              w={10}
              h={10}
              style={{ background: `var(--mantine-color-${BILL_STATUS_COLORS[s]}-6)`, borderRadius: 2 }}
            />
            <Text size="xs">{t(BILL_STATUS[s])}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
