import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { BankAccount } from '../../../../shared/api/bank';
import { formatIban } from '../../../../shared/domain/iban';
import { useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { CurrencySelect } from '../../components/CurrencySelect';
import { MoneyInput } from '../../components/MoneyInput';
import { showApiError } from '../../lib/forms';

/** Adding or editing a bank account: name, IBAN or account number, currency, opening balance. */
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
