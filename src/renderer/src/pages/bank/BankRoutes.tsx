import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBuildingBank, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Route, Routes } from 'react-router';
import type { BankAccount } from '../../../../shared/api/bank';
import { formatIban } from '../../../../shared/domain/iban';
import { useApi, useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { CurrencySelect } from '../../components/CurrencySelect';
import { useMoneyFormat } from '../../components/Money';
import { MoneyInput } from '../../components/MoneyInput';
import { Loaded } from '../../components/PageState';
import { formatDate } from '../../lib/format';
import { showApiError } from '../../lib/forms';
import { AccountPage } from './AccountPage';

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
  const accounts = useApi('bank.accounts.list', {});
  const [adding, setAdding] = useState(false);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Bank</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          Add bank account
        </Button>
      </Group>
      <Loaded query={accounts}>
        {(list) =>
          list.length === 0 ? (
            <Paper withBorder p="xl">
              <Stack align="center" gap="xs">
                <IconBuildingBank size={36} stroke={1.4} />
                <Text fw={600}>No bank accounts yet</Text>
                <Text c="dimmed" size="sm" ta="center" maw={520}>
                  Add the account your customers pay into, then import the statement file your bank gives you
                  (CAMT, MT940, OFX or CSV). Folio proposes which invoice or bill each line pays.
                </Text>
                <Button mt="sm" onClick={() => setAdding(true)}>
                  Add your first bank account
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
            on {formatDate(a.balanceDate, preferences.locale)}
          </Text>
        </Stack>
      </Group>
      <Group gap="xs" mt="sm">
        {a.openLines > 0 ? (
          <Badge color="orange" variant="light">
            {a.openLines} to match
          </Badge>
        ) : (
          <Badge color="green" variant="light">
            All matched
          </Badge>
        )}
        {a.reconciledTo && (
          <Badge color="gray" variant="light">
            Reconciled to {formatDate(a.reconciledTo, preferences.locale)}
          </Badge>
        )}
      </Group>
    </Paper>
  );
}

export function AccountFormModal({
  opened,
  onClose,
  account,
}: {
  opened: boolean;
  onClose: () => void;
  account?: BankAccount;
}) {
  const { preferences } = useSettings();
  const form = useForm({
    initialValues: {
      name: account?.name ?? '',
      iban: account?.iban ? formatIban(account.iban) : '',
      accountNumber: account?.accountNumber ?? '',
      bic: account?.bic ?? '',
      currency: account?.currency ?? preferences.baseCurrency,
      openingBalance: (account?.openingBalance ?? 0) as number | null,
      openingDate: account?.openingDate ?? new Date().toISOString().slice(0, 10),
    },
  });
  const create = useApiMutation('bank.accounts.create', { success: 'Bank account added.' });
  const update = useApiMutation('bank.accounts.update', { success: 'Bank account saved.' });
  const submit = form.onSubmit(async (v) => {
    const input = { ...v, openingBalance: v.openingBalance ?? 0 };
    try {
      if (account) await update.mutateAsync({ ...input, id: account.id });
      else await create.mutateAsync(input);
      onClose();
      if (!account) form.reset();
    } catch (e) {
      showApiError(form, e);
    }
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={account ? 'Edit bank account' : 'Add bank account'}
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label="Account name"
            placeholder="Business current account"
            required
            {...form.getInputProps('name')}
          />
          <Group grow align="flex-start">
            <TextInput
              label="IBAN"
              placeholder="DE89 3704 0044 0532 0130 00"
              {...form.getInputProps('iban')}
            />
            <TextInput label="BIC" {...form.getInputProps('bic')} />
          </Group>
          <TextInput
            label="Account number"
            description="Only for a bank without IBANs (a US account, for example)"
            {...form.getInputProps('accountNumber')}
          />
          <Group grow align="flex-start">
            <CurrencySelect
              label="Currency"
              locale={preferences.locale}
              {...form.getInputProps('currency')}
            />
            <MoneyInput
              label="Opening balance"
              currency={form.values.currency}
              value={form.values.openingBalance}
              onChange={(v) => form.setFieldValue('openingBalance', v)}
              error={form.errors.openingBalance}
            />
            <TextInput
              label="Opening balance date"
              placeholder="YYYY-MM-DD"
              {...form.getInputProps('openingDate')}
            />
          </Group>
          {account && (
            <Alert color="gray">The currency cannot change once statements have been imported.</Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {account ? 'Save' : 'Add account'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
