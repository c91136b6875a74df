import {
  Card,
  Checkbox,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateField } from '../../components/DateField';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocType } from '../../../../shared/api/documents';
import { dueDateFor } from '../../../../shared/domain/terms';
import { decimalSeparatorOf } from '../../../../shared/domain/money';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { CurrencySelect } from '../../components/CurrencySelect';
import { CustomerSelect } from '../../components/CustomerSelect';
import { PaymentTermsField } from '../../components/PaymentTermsField';
import { formatDate } from '../../lib/format';
import { previewTotals, type DocumentForm } from './editor-form';
import { LinesEditor } from './LinesEditor';
import { TotalsPanel } from './TotalsPanel';

/**
 * Everything a document is made of: customer, dates, currency, lines, notes and totals.
 * Shared by the document editor and the recurring-invoice template editor. The lines get the
 * full width; the total also sits in the editor's sticky action bar, so it stays in view.
 */
export function DocumentFields({
  form,
  type,
  pickCustomer,
  withIssueDate = true,
  aside,
}: {
  form: UseFormReturnType<DocumentForm>;
  type: DocType;
  pickCustomer: (id: number | null) => void;
  withIssueDate?: boolean;
  aside?: ReactNode;
}) {
  const settings = useSettings();
  const { t } = useTranslation();
  const taxes = useApi('taxes.list', { includeArchived: true }).data ?? [];
  const values = form.getValues();
  const totals = previewTotals(values, taxes, decimalSeparatorOf(settings.preferences.locale));
  const customer = useApi(
    'customers.get',
    { id: values.customerId ?? 0 },
    { enabled: values.customerId !== null },
  );
  // Under the small-business exemption (§ 19 UStG) new lines start without tax.
  const exempt = useApi('settings.getSmallBusiness', {}).data?.enabled === true;
  const defaultTaxIds =
    !exempt && customer.data?.customer.defaultTaxId ? [String(customer.data.customer.defaultTaxId)] : [];
  const dueShown =
    values.dueKind === 'terms' ? dueDateFor(values.issueDate, values.dueTerms) : values.dueDate;
  const foreign = values.currency !== settings.preferences.baseCurrency;

  return (
    <Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: aside ? 8 : 12 }}>
          <Card withBorder padding="md" h="100%">
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, md: 8, lg: 5 }}>
                <CustomerSelect
                  label={t('common.customer')}
                  withAsterisk
                  value={values.customerId}
                  onChange={pickCustomer}
                  error={form.errors.customerId as string | undefined}
                />
              </Grid.Col>
              {withIssueDate && (
                <Grid.Col span={{ base: 6, md: 4, lg: 2 }}>
                  <DateField
                    label={t('common.issueDate')}
                    withAsterisk
                    value={values.issueDate}
                    error={form.errors.issueDate}
                    onChange={(d) => form.setFieldValue('issueDate', d ?? '')}
                  />
                </Grid.Col>
              )}
              {type !== 'credit_note' && (
                <Grid.Col span={{ base: 12, lg: withIssueDate ? 5 : 7 }}>
                  <Stack gap={4}>
                    <Group justify="space-between">
                      <Text size="sm" fw={500}>
                        {type === 'quote' ? t('documents.list.validUntil') : t('documents.list.due')}
                      </Text>
                      <SegmentedControl
                        size="xs"
                        aria-label={
                          type === 'quote' ? t('documents.fields.validFrom') : t('documents.fields.dueFrom')
                        }
                        data={[
                          { value: 'terms', label: t('documents.fields.terms') },
                          { value: 'date', label: t('documents.fields.fixedDate') },
                        ]}
                        value={values.dueKind}
                        onChange={(v) => form.setFieldValue('dueKind', v as 'terms')}
                      />
                    </Group>
                    {values.dueKind === 'terms' ? (
                      <>
                        <PaymentTermsField
                          label={t('documents.fields.paymentTerms')}
                          value={values.dueTerms}
                          onChange={(t) => form.setFieldValue('dueTerms', t)}
                          hideLabel
                        />
                        {withIssueDate && (
                          <Text size="xs" c="dimmed">
                            {t('documents.fields.dueOn', {
                              date: formatDate(dueShown, settings.preferences.locale),
                            })}
                          </Text>
                        )}
                      </>
                    ) : (
                      <DateField
                        aria-label={
                          type === 'quote' ? t('documents.fields.validUntilDate') : t('common.dueDate')
                        }
                        value={values.dueDate}
                        error={form.errors.dueDate}
                        onChange={(d) => form.setFieldValue('dueDate', d ?? '')}
                      />
                    )}
                  </Stack>
                </Grid.Col>
              )}
              <Grid.Col span={{ base: 6, md: 4, lg: 3 }}>
                <CurrencySelect
                  label={t('common.currency')}
                  locale={settings.preferences.locale}
                  {...form.getInputProps('currency')}
                />
              </Grid.Col>
              {foreign && (
                <Grid.Col span={{ base: 6, md: 4, lg: 3 }}>
                  <TextInput
                    label={t('documents.fields.rateLabel', {
                      currency: values.currency,
                      base: settings.preferences.baseCurrency,
                    })}
                    description={t('documents.fields.rateHint')}
                    classNames={{ input: 'num' }}
                    {...form.getInputProps('exchangeRate')}
                  />
                </Grid.Col>
              )}
              <Grid.Col span={{ base: 6, md: 4, lg: 3 }}>
                <TextInput label={t('documents.fields.reference')} {...form.getInputProps('reference')} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 4, lg: 3 }}>
                <TextInput
                  label={t('documents.fields.buyerReference')}
                  description={t('documents.fields.buyerReferenceHint')}
                  {...form.getInputProps('buyerReference')}
                />
              </Grid.Col>
              {type !== 'quote' && (
                <>
                  <Grid.Col span={{ base: 6, md: 4, lg: 3 }}>
                    <DateField
                      label={t('documents.fields.deliveryDate')}
                      description={t('documents.fields.deliveryDateHint')}
                      clearable
                      value={values.deliveryDate}
                      error={form.errors.deliveryDate}
                      onChange={(d) => form.setFieldValue('deliveryDate', d)}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, md: 4, lg: 3 }}>
                    <DateField
                      label={t('documents.fields.deliveryEnd')}
                      description={t('documents.fields.deliveryEndHint')}
                      clearable
                      value={values.deliveryEnd}
                      error={form.errors.deliveryEnd}
                      onChange={(d) => form.setFieldValue('deliveryEnd', d)}
                    />
                  </Grid.Col>
                </>
              )}
              <Grid.Col span={{ base: 6, md: 4, lg: 3 }}>
                <Checkbox
                  mt={30}
                  label={t('documents.fields.pricesIncludeTax')}
                  {...form.getInputProps('pricesIncludeTax', { type: 'checkbox' })}
                />
              </Grid.Col>
            </Grid>
          </Card>
        </Grid.Col>
        {aside && <Grid.Col span={{ base: 12, lg: 4 }}>{aside}</Grid.Col>}
      </Grid>
      {/* Paper, not Card: a Card provides a context whose new value on every keystroke would
          make React walk all the memoised line rows. */}
      <Paper withBorder p="md" radius="md">
        {exempt && type !== 'credit_note' && (
          <Text size="sm" c="dimmed" mb="xs">
            {t('documents.fields.exempt')}
          </Text>
        )}
        <LinesEditor
          form={form}
          taxes={taxes}
          totals={totals}
          defaultTaxIds={defaultTaxIds}
          exempt={exempt && type !== 'credit_note'}
        />
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="md" h="100%">
            <SimpleGrid cols={1} spacing="sm">
              <Textarea
                label={t('common.notes')}
                description={t('documents.fields.notesHint')}
                autosize
                minRows={2}
                {...form.getInputProps('notes')}
              />
              <SimpleGrid cols={2} spacing="sm">
                <Textarea
                  label={t('documents.fields.termsText')}
                  autosize
                  minRows={2}
                  {...form.getInputProps('terms')}
                />
                <Textarea
                  label={t('documents.fields.footer')}
                  autosize
                  minRows={2}
                  {...form.getInputProps('footer')}
                />
              </SimpleGrid>
            </SimpleGrid>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder padding="md">
            <TotalsPanel form={form} totals={totals} taxes={taxes} />
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
