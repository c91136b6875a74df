import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { BankAccount } from '../../../../shared/api/bank';
import { formatIban } from '../../../../shared/domain/iban';
import { useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { CurrencySelect } from '../../components/CurrencySelect';
import { MoneyInput } from '../../components/MoneyInput';
import { showApiError, useEditVersion } from '../../lib/forms';
import { useTranslation } from 'react-i18next';

/**
 * Adding or editing a bank account: name, IBAN or account number, currency, opening balance.
 * The form inside is made anew each time the modal opens, from the account as it is then
 * (and with its version: a save over someone else's newer save is refused).
 */
export function AccountFormModal({
  opened,
  onClose,
  account,
}: {
  opened: boolean;
  onClose: () => void;
  account?: BankAccount;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={account ? t('bank.account.editTitle') : t('bank.account.addTitle')}
      size="lg"
    >
      <AccountForm account={account} onClose={onClose} />
    </Modal>
  );
}

function AccountForm({ account, onClose }: { account?: BankAccount; onClose: () => void }) {
  const { t } = useTranslation();
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
  const create = useApiMutation('bank.accounts.create', { success: t('bank.account.added') });
  const update = useApiMutation('bank.accounts.update', { success: t('bank.account.saved') });
  const [loadedVersion] = useEditVersion(account);
  const submit = form.onSubmit(async (v) => {
    const input = { ...v, openingBalance: v.openingBalance ?? 0 };
    try {
      if (account) await update.mutateAsync({ ...input, id: account.id, version: loadedVersion });
      else await create.mutateAsync(input);
      onClose();
    } catch (e) {
      showApiError(form, e);
    }
  });
  return (
    <form onSubmit={submit}>
      <Stack>
        <TextInput
          label={t('bank.account.name')}
          placeholder={t('bank.account.namePlaceholder')}
          required
          {...form.getInputProps('name')}
        />
        <Group grow align="flex-start">
          <TextInput
            label="IBAN"
            // eslint-disable-next-line i18next/no-literal-string -- an example IBAN, the same in every language
            placeholder="DE89 3704 0044 0532 0130 00"
            {...form.getInputProps('iban')}
          />
          <TextInput label="BIC" {...form.getInputProps('bic')} />
        </Group>
        <TextInput
          label={t('bank.account.accountNumber')}
          description={t('bank.account.accountNumberHint')}
          {...form.getInputProps('accountNumber')}
        />
        <Group grow align="flex-start">
          <CurrencySelect
            label={t('common.currency')}
            locale={preferences.locale}
            {...form.getInputProps('currency')}
          />
          <MoneyInput
            label={t('bank.account.openingBalance')}
            currency={form.values.currency}
            value={form.values.openingBalance}
            onChange={(v) => form.setFieldValue('openingBalance', v)}
            error={form.errors.openingBalance}
          />
          <TextInput
            label={t('bank.account.openingDate')}
            placeholder="YYYY-MM-DD"
            {...form.getInputProps('openingDate')}
          />
        </Group>
        {account && <Alert color="gray">{t('bank.account.currencyLocked')}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {account ? t('common.save') : t('bank.account.addButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
