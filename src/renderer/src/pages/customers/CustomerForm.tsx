import { Loaded } from '../../components/PageState';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Customer, CustomerInput } from '../../../../shared/api/customers';
import { EMPTY_ADDRESS } from '../../../../shared/api/common';
import { useApi, useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { AddressFields } from '../../components/AddressFields';
import { CurrencySelect } from '../../components/CurrencySelect';
import { DocumentLanguageSelect } from '../../components/DocumentLanguageSelect';
import { PaymentTermsField } from '../../components/PaymentTermsField';
import { showApiError, useEditVersion } from '../../lib/forms';
import { useUnsavedGuard } from '../../lib/useUnsavedGuard';
import { notifications } from '@mantine/notifications';
import { ElectronicAddressFields, formatOptions } from '../einvoice/EinvoiceFields';

type FormValues = Required<Omit<CustomerInput, 'defaultTaxId'>> & { defaultTaxId: string | null };

export function CustomerFormPage() {
  const { id } = useParams();
  const existing = useApi('customers.get', { id: Number(id) }, { enabled: !!id });
  if (!id) return <CustomerForm existing={null} key="new" />;
  return <Loaded query={existing}>{(c) => <CustomerForm existing={c.customer} key={id} />}</Loaded>;
}

function CustomerForm({ existing }: { existing: Customer | null }) {
  const { t } = useTranslation();
  const { preferences } = useSettings();
  const navigate = useNavigate();
  const taxes = useApi('taxes.list', {}).data ?? [];
  const initial: FormValues = useMemo(
    () =>
      existing
        ? {
            name: existing.name,
            contactPerson: existing.contactPerson,
            emails: existing.emails,
            phone: existing.phone,
            billingAddress: existing.billingAddress,
            shippingAddress: existing.shippingAddress,
            taxNumber: existing.taxNumber,
            iban: existing.iban,
            bic: existing.bic,
            currency: existing.currency,
            paymentTerms: existing.paymentTerms,
            defaultTaxId: existing.defaultTaxId ? String(existing.defaultTaxId) : null,
            notes: existing.notes,
            electronicAddress: existing.electronicAddress,
            electronicAddressScheme: existing.electronicAddressScheme,
            buyerReference: existing.buyerReference,
            einvoiceFormat: existing.einvoiceFormat,
            documentLanguage: existing.documentLanguage,
          }
        : {
            name: '',
            contactPerson: '',
            emails: [{ email: '', billing: true }],
            phone: '',
            billingAddress: EMPTY_ADDRESS,
            shippingAddress: EMPTY_ADDRESS,
            taxNumber: '',
            iban: '',
            bic: '',
            currency: preferences.baseCurrency,
            paymentTerms: preferences.defaultPaymentTerms,
            defaultTaxId: null,
            notes: '',
            electronicAddress: '',
            electronicAddressScheme: '',
            buyerReference: '',
            einvoiceFormat: '',
            documentLanguage: null,
          },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const form = useForm<FormValues>({
    initialValues: initial,
    validate: { name: (name) => (name.trim() === '' ? t('customers.form.nameRequired') : null) },
  });
  const v = form.getValues();
  const [probe] = useDebouncedValue(
    { name: v.name, emails: v.emails.map((e) => e.email), taxNumber: v.taxNumber },
    300,
  );
  const duplicates = useApi(
    'customers.checkDuplicates',
    { ...probe, excludeId: existing?.id ?? null },
    { enabled: !!(probe.name || probe.taxNumber || probe.emails.some(Boolean)) },
  );
  const create = useApiMutation('customers.create', { invalidates: ['customers'] });
  const update = useApiMutation('customers.update', { invalidates: ['customers', 'documents'] });
  const [loadedVersion] = useEditVersion(existing);
  useUnsavedGuard(form.isDirty() && !create.isPending && !update.isPending);

  const submit = form.onSubmit(async (values) => {
    const input = {
      ...values,
      emails: values.emails.filter((e) => e.email.trim() !== ''),
      defaultTaxId: values.defaultTaxId ? Number(values.defaultTaxId) : null,
    };
    try {
      const saved = existing
        ? await update.mutateAsync({ ...input, id: existing.id, version: loadedVersion })
        : await create.mutateAsync(input);
      form.resetDirty();
      notifications.show({
        color: 'green',
        message: t('customers.form.saved', { name: saved.customer.name }),
      });
      void navigate(`/customers/${saved.customer.id}`);
    } catch (error) {
      showApiError(form, error);
    }
  });

  const sameShipping = JSON.stringify(v.shippingAddress) === JSON.stringify(EMPTY_ADDRESS);
  return (
    <form onSubmit={submit}>
      <Stack maw={980}>
        <Group justify="space-between">
          <Stack gap={2}>
            <Anchor component={Link} to={existing ? `/customers/${existing.id}` : '/customers'} size="sm">
              ← {existing ? existing.name : t('nav.customers')}
            </Anchor>
            <Title order={1} size="h2">
              {existing ? t('customers.form.editNamed', { name: existing.name }) : t('palette.newCustomer')}
            </Title>
          </Stack>
          <Group>
            <Button
              variant="default"
              onClick={() => void navigate(existing ? `/customers/${existing.id}` : '/customers')}
            >
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {t('customers.form.save')}
            </Button>
          </Group>
        </Group>
        {(duplicates.data ?? []).length > 0 && (
          <Alert color="yellow" title={t('customers.form.duplicateTitle')} role="alert">
            {duplicates.data!.map((d) => (
              <Text size="sm" key={`${d.field}-${d.customerId}`}>
                {d.message}{' '}
                <Anchor component={Link} to={`/customers/${d.customerId}`} target="_blank">
                  {t('customers.form.openNamed', { name: d.customerName })}
                </Anchor>
              </Text>
            ))}
            <Text size="xs" mt={4}>
              {t('customers.form.duplicateHint')}
            </Text>
          </Alert>
        )}
        <Card withBorder>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label={t('customers.form.name')}
              withAsterisk
              data-autofocus
              {...form.getInputProps('name')}
            />
            <TextInput label={t('settings.business.contactName')} {...form.getInputProps('contactPerson')} />
            <TextInput label={t('common.phone')} {...form.getInputProps('phone')} />
            <TextInput
              label={t('setup.business.taxNumber')}
              description={t('customers.form.taxNumberHint')}
              {...form.getInputProps('taxNumber')}
            />
            <TextInput
              label={t('settings.documents.iban')}
              description={t('customers.form.ibanHint')}
              {...form.getInputProps('iban')}
            />
            <TextInput label={t('settings.documents.bic')} {...form.getInputProps('bic')} />
          </SimpleGrid>
          <Stack gap={4} mt="sm">
            <Text size="sm" fw={500}>
              {t('customers.form.emails')}
            </Text>
            {v.emails.map((e, i) => (
              <Group key={i} gap="xs" align="flex-start">
                <TextInput
                  aria-label={t('customers.form.emailN', { n: i + 1 })}
                  placeholder="name@example.com"
                  style={{ flex: 1 }}
                  {...form.getInputProps(`emails.${i}.email`)}
                />
                <Checkbox
                  mt={8}
                  label={t('customers.form.billingEmail')}
                  checked={e.billing}
                  onChange={(ev) =>
                    form.setFieldValue(
                      'emails',
                      v.emails.map((x, j) => ({
                        ...x,
                        billing:
                          j === i ? ev.currentTarget.checked : ev.currentTarget.checked ? false : x.billing,
                      })),
                    )
                  }
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={4}
                  aria-label={t('customers.form.removeEmailN', { n: i + 1 })}
                  onClick={() => form.removeListItem('emails', i)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            {typeof form.errors.emails === 'string' && (
              <Text size="xs" c="red">
                {form.errors.emails}
              </Text>
            )}
            <Button
              variant="subtle"
              size="xs"
              w="fit-content"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('emails', { email: '', billing: v.emails.length === 0 })}
            >
              {t('customers.form.addEmail')}
            </Button>
          </Stack>
        </Card>
        <SimpleGrid cols={2}>
          <Card withBorder>
            <Title order={2} size="h5" mb="xs">
              {t('customers.form.billingAddress')}
            </Title>
            {/* eslint-disable-next-line i18next/no-literal-string -- a form path */}
            <AddressFields form={form} path="billingAddress" legend={t('customers.form.billing')} />
          </Card>
          <Card withBorder>
            <Title order={2} size="h5" mb="xs">
              {t('customers.form.shippingAddress')}{' '}
              {sameShipping && (
                <Text span size="xs" c="dimmed">
                  {t('customers.form.sameAsBilling')}
                </Text>
              )}
            </Title>
            {/* eslint-disable-next-line i18next/no-literal-string -- a form path */}
            <AddressFields form={form} path="shippingAddress" legend={t('customers.form.shipping')} />
          </Card>
        </SimpleGrid>
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            {t('customers.form.einvoicing')}
          </Title>
          <SimpleGrid cols={2} spacing="xs" mb="xs">
            <Select
              label={t('customers.form.einvoiceFormat')}
              data={formatOptions(t)}
              allowDeselect={false}
              {...form.getInputProps('einvoiceFormat')}
            />
            <TextInput
              label={t('customers.form.buyerReference')}
              description={t('customers.form.buyerReferenceHint')}
              {...form.getInputProps('buyerReference')}
            />
          </SimpleGrid>
          <ElectronicAddressFields form={form} />
        </Card>
        <Card withBorder>
          <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="sm">
            <CurrencySelect
              label={t('common.currency')}
              locale={preferences.locale}
              {...form.getInputProps('currency')}
            />
            <PaymentTermsField
              label={t('customers.form.paymentTerms')}
              value={v.paymentTerms}
              onChange={(terms) => form.setFieldValue('paymentTerms', terms)}
            />
            <Select
              label={t('customers.form.defaultTax')}
              clearable
              placeholder={t('common.none')}
              data={taxes.map((x) => ({ value: String(x.id), label: x.name }))}
              {...form.getInputProps('defaultTaxId')}
            />
            <DocumentLanguageSelect inherit {...form.getInputProps('documentLanguage')} />
          </SimpleGrid>
          <Textarea
            mt="sm"
            label={t('common.notes')}
            description={t('customers.form.notesHint')}
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
          />
        </Card>
      </Stack>
    </form>
  );
}
