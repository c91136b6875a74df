import { useTranslation } from 'react-i18next';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Indicator,
  Menu,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ReminderItem } from '../../../../shared/api/payables';
import { addDays } from '../../../../shared/domain/dates';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { PAYABLES, useFormat } from './parts/format';

const KIND = {
  overdue: { label: 'bills.reminders.kindOverdue', color: 'red' },
  due: { label: 'bills.reminders.kindDue', color: 'blue' },
  discount: { label: 'bills.reminders.kindDiscount', color: 'teal' },
} as const satisfies Record<ReminderItem['kind'], { label: string; color: string }>;

/**
 * The in-app reminder centre, in the header: bills overdue, due soon, or with an early-payment
 * discount about to end. The desktop app also shows them as notifications; browser mode
 * relies on this list. Each reminder can be snoozed.
 */
export function ReminderCentre() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const list = useApi('reminders.list', {}, { refetchInterval: 5 * 60_000 });
  const count = list.data?.count ?? 0;
  return (
    <>
      <Indicator label={count} size={16} color="red" disabled={count === 0} offset={4}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={t('bills.reminders.bell', { count })}
          onClick={() => setOpened(true)}
        >
          <IconBell size={20} />
        </ActionIcon>
      </Indicator>
      <Drawer
        opened={opened}
        onClose={() => setOpened(false)}
        position="right"
        title={t('bills.reminders.title')}
        size="md"
      >
        <ReminderList onNavigate={() => setOpened(false)} />
      </Drawer>
    </>
  );
}

function ReminderList({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const list = useApi('reminders.list', {});
  const settings = useApi('reminders.getSettings', {});
  const info = useApi('system.info', {});
  const snooze = useApiMutation('reminders.snooze', { invalidates: PAYABLES });
  const unsnooze = useApiMutation('reminders.unsnooze', { invalidates: PAYABLES });
  const update = useApiMutation('reminders.updateSettings', { invalidates: ['reminders'] });
  const today = list.data?.today;
  return (
    <Stack gap="md" aria-label={t('bills.reminders.list')}>
      {list.data && list.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('bills.reminders.nothing', { days: settings.data?.dueSoonDays ?? 3 })}
        </Text>
      )}
      {list.data?.items.map((r) => (
        <Item
          key={r.billId}
          item={r}
          onNavigate={onNavigate}
          actions={
            <Menu position="bottom-end">
              <Menu.Target>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  aria-label={t('bills.reminders.snoozeBill', {
                    bill: `${r.vendorName} ${r.vendorInvoiceNumber}`,
                  })}
                >
                  {t('bills.reminders.snooze')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {[1, 3, 7].map((days) => (
                  <Menu.Item
                    key={days}
                    onClick={() =>
                      snooze.mutate(
                        { billId: r.billId, until: addDays(today!, days) },
                        { onError: notifyError },
                      )
                    }
                  >
                    {t('bills.snooze.forDays', { count: days })}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          }
        />
      ))}
      {list.data && list.data.count > list.data.items.length && (
        <Anchor component={Link} to="/bills" size="sm" onClick={onNavigate}>
          {t('bills.reminders.moreInBills', { count: list.data.count - list.data.items.length })}
        </Anchor>
      )}
      {list.data && list.data.snoozed.length > 0 && (
        <>
          <Divider label={t('bills.reminders.snoozed')} labelPosition="left" />
          {list.data.snoozed.map((r) => (
            <Item
              key={r.billId}
              item={r}
              onNavigate={onNavigate}
              muted
              actions={
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => unsnooze.mutate({ billId: r.billId }, { onError: notifyError })}
                >
                  {t('bills.reminders.wake')}
                </Button>
              }
            />
          ))}
        </>
      )}
      <Divider />
      {settings.data && (
        <Stack gap="xs">
          <Title order={3} size="h6">
            {t('bills.reminders.when')}
          </Title>
          <NumberInput
            label={t('bills.reminders.daysBefore')}
            min={0}
            max={60}
            allowDecimal={false}
            w={200}
            value={settings.data.dueSoonDays}
            onChange={(v) =>
              typeof v === 'number' &&
              update.mutate({ ...settings.data!, dueSoonDays: v }, { onError: notifyError })
            }
          />
          <Switch
            label={t('bills.reminders.desktop')}
            description={
              info.data?.mode === 'browser'
                ? t('bills.reminders.browserHint')
                : t('bills.reminders.desktopHint')
            }
            checked={settings.data.desktopNotifications}
            onChange={(e) =>
              update.mutate(
                { ...settings.data!, desktopNotifications: e.currentTarget.checked },
                { onError: notifyError },
              )
            }
          />
        </Stack>
      )}
    </Stack>
  );
}

function Item({
  item,
  actions,
  onNavigate,
  muted = false,
}: {
  item: ReminderItem;
  actions: React.ReactNode;
  onNavigate: () => void;
  muted?: boolean;
}) {
  const { t } = useTranslation();
  const { money, date } = useFormat();
  const kind = KIND[item.kind];
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      opacity={muted ? 0.7 : 1}
      component="article"
      aria-label={`${item.vendorName} ${item.vendorInvoiceNumber}`}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Group gap={6}>
            <Badge size="xs" color={kind.color} variant="light" style={{ textTransform: 'none' }}>
              {t(kind.label)}
            </Badge>
            <Anchor component={Link} to={`/bills/${item.billId}`} size="sm" fw={500} onClick={onNavigate}>
              {item.vendorName} {item.vendorInvoiceNumber}
            </Anchor>
          </Group>
          <Text size="xs" c={item.kind === 'overdue' ? 'red' : 'dimmed'}>
            {item.message} · {t('bills.reminders.due', { date: date(item.dueDate) })}
            {muted && item.snoozedUntil
              ? ` · ${t('bills.reminders.snoozedUntil', { date: date(item.snoozedUntil) })}`
              : ''}
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end">
          <Text size="sm" className="num" fw={500}>
            {money(item.balance, item.currency)}
          </Text>
          {actions}
        </Stack>
      </Group>
    </Paper>
  );
}
