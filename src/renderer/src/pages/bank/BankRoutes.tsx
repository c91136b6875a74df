import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBuildingBank, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Route, Routes } from 'react-router';
import type { BankAccount } from '../../../../shared/api/bank';
import { formatIban } from '../../../../shared/domain/iban';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { Loaded } from '../../components/PageState';
import { formatDate } from '../../lib/format';
import { AccountFormModal } from './AccountFormModal';
import { AccountPage } from './AccountPage';
import { useTranslation } from 'react-i18next';

/** Bank: the accounts, and per account its statement lines to match and reconcile. */
export function BankRoutes() {
  return (
    <Routes>
      <Route index element={<AccountsList />} />
      <Route path=":id" element={<AccountPage />} />
    </Routes>
  );
}

function AccountsList() {
  const { t } = useTranslation();
  const accounts = useApi('bank.accounts.list', {});
  const [adding, setAdding] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('bank.list.title')}</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          {t('bank.account.addTitle')}
        </Button>
      </Group>
      <Loaded query={accounts}>
        {(list) =>
          list.length === 0 ? (
            <Paper withBorder p="xl">
              <Stack align="center" gap="xs">
                <IconBuildingBank size={36} stroke={1.4} />
                <Text fw={600}>{t('bank.list.emptyTitle')}</Text>
                <Text c="dimmed" size="sm" ta="center" maw={520}>
                  {t('bank.list.emptyText')}
                </Text>
                <Button mt="sm" onClick={() => setAdding(true)}>
                  {t('bank.list.addFirst')}
                </Button>
              </Stack>
            </Paper>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {list.map((a) => (
                <AccountCard key={a.id} account={a} />
              ))}
            </SimpleGrid>
          )
        }
      </Loaded>
      <AccountFormModal opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function AccountCard({ account: a }: { account: BankAccount }) {
  const { t } = useTranslation();
  const fmt = useMoneyFormat();
  const { preferences } = useSettings();
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Anchor component={Link} to={`/bank/${a.id}`} fw={600}>
            {a.name}
          </Anchor>
          <Text size="sm" c="dimmed">
            {a.iban ? formatIban(a.iban) : a.accountNumber}
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end">
          <Text fw={600} className="amount" size="lg">
            {fmt(a.balance, a.currency)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('bank.list.balanceOn', { date: formatDate(a.balanceDate, preferences.locale) })}
          </Text>
        </Stack>
      </Group>
      <Group gap="xs" mt="sm">
        {a.openLines > 0 ? (
          <Badge color="orange" variant="light">
            {t('bank.list.toMatch', { count: a.openLines })}
          </Badge>
        ) : (
          <Badge color="green" variant="light">
            {t('bank.list.allMatched')}
          </Badge>
        )}
        {a.reconciledTo && (
          <Badge color="gray" variant="light">
            {t('bank.list.reconciledTo', { date: formatDate(a.reconciledTo, preferences.locale) })}
          </Badge>
        )}
      </Group>
    </Paper>
  );
}
