import {
  Alert,
  Button,
  Card,
  Center,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/api/settings';
import { formatDocumentNumber } from '../../../shared/domain/numbering';
import { notifyError, useApiMutation } from '../api/hooks';
import { AddressFields } from '../components/AddressFields';
import { CurrencySelect } from '../components/CurrencySelect';
import { LocaleSelect } from '../components/LocaleSelect';
import { LogoPicker } from '../components/LogoPicker';
import { PaymentTermsField } from '../components/PaymentTermsField';
import { readFileBase64, showApiError } from '../lib/forms';
import { ConnectForm } from './shared-books/ConnectForm';
import { guessCurrency, guessLocale, monthOptions } from '../lib/regional';

const STEPS = [
  'setup.steps.business',
  'setup.steps.address',
  'setup.steps.money',
  'setup.steps.numbers',
] as const;

/** Which step shows a field, so a server error jumps to the step where it can be fixed. */
function stepOf(path: string): number {
  if (path.startsWith('profile.address')) return 1;
  if (path.startsWith('profile')) return 0;
  if (path.startsWith('preferences')) return 2;
  return 3;
}

/**
 * First run: asks for what the first invoice needs (who you are, where, in which currency,
 * how invoices are numbered) and saves it all in one step at the end.
 */
export function SetupWizard({ initial }: { initial: Settings }) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState(0);
  const [logo, setLogo] = useState<File | null>(null);
  /** "Use shared books on a server" instead of setting up new books here. */
  const [shared, setShared] = useState(false);
  const locale = guessLocale();
  const invoiceSeries = initial.numbering.find((s) => s.docType === 'invoice')!;
  const form = useForm({
    initialValues: {
      profile: initial.profile,
      preferences: {
        ...initial.preferences,
        locale,
        baseCurrency: guessCurrency(locale),
      },
      invoiceNumbering: {
        prefix: invoiceSeries.prefix,
        includeYear: invoiceSeries.includeYear,
        padding: invoiceSeries.padding,
        nextNumber: invoiceSeries.nextNumber,
      },
    },
    validate: {
      profile: {
        name: (v) => (step === 0 && v.trim() === '' ? t('setup.business.nameRequired') : null),
      },
    },
  });
  const complete = useApiMutation('settings.completeSetup', { invalidates: ['settings', 'system'] });

  const next = () => {
    if (form.validate().hasErrors) return;
    setStep((s) => Math.min(s + 1, STEPS.length - 1));
  };

  const finish = async () => {
    const values = form.getValues();
    try {
      await complete.mutateAsync({
        ...values,
        ...(logo ? { logo: { fileName: logo.name, dataBase64: await readFileBase64(logo) } } : {}),
      });
    } catch (error) {
      const fields = showApiError(form, error);
      if (fields.length > 0) setStep(Math.min(...fields.map(stepOf)));
    }
  };

  const values = form.getValues();
  const year = new Date().getFullYear();
  return (
    <Center mih="100vh" p="md">
      <Card withBorder shadow="sm" padding="xl" w={720}>
        <Stack>
          <div>
            <Title order={1} size="h2">
              {t('setup.welcome')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('setup.intro')}
            </Text>
          </div>
          {shared ? (
            <UseSharedBooks onBack={() => setShared(false)} />
          ) : (
            <>
              <Stepper active={step} onStepClick={setStep} size="sm" allowNextStepsSelect={false}>
                <Stepper.Step label={t(STEPS[0])}>
                  <Stack gap="xs" mt="md">
                    <TextInput
                      label={t('setup.business.name')}
                      withAsterisk
                      data-autofocus
                      {...form.getInputProps('profile.name')}
                    />
                    <SimpleGrid cols={2} spacing="xs">
                      <TextInput
                        label={t('common.email')}
                        type="email"
                        {...form.getInputProps('profile.email')}
                      />
                      <TextInput label={t('common.phone')} {...form.getInputProps('profile.phone')} />
                      <TextInput
                        label={t('setup.business.website')}
                        {...form.getInputProps('profile.website')}
                      />
                      <TextInput
                        label={t('setup.business.taxNumber')}
                        {...form.getInputProps('profile.taxNumber')}
                      />
                    </SimpleGrid>
                    <Group gap="xs" mt="xs" wrap="nowrap" align="center">
                      <Text size="sm" c="dimmed">
                        {t('sharedBooks.wizard.offer')}
                      </Text>
                      <Button variant="subtle" size="compact-sm" onClick={() => setShared(true)}>
                        {t('sharedBooks.wizard.useShared')}
                      </Button>
                    </Group>
                  </Stack>
                </Stepper.Step>
                <Stepper.Step label={t(STEPS[1])}>
                  <Stack mt="md">
                    <Text size="sm" c="dimmed">
                      {t('setup.address.hint')}
                    </Text>
                    <AddressFields form={form} path="profile.address" />
                  </Stack>
                </Stepper.Step>
                <Stepper.Step label={t(STEPS[2])}>
                  <Stack gap="xs" mt="md">
                    <CurrencySelect
                      label={t('setup.money.baseCurrency')}
                      description={t('setup.money.baseCurrencyHint')}
                      locale={values.preferences.locale}
                      {...form.getInputProps('preferences.baseCurrency')}
                    />
                    <LocaleSelect
                      label={t('setup.money.locale')}
                      {...form.getInputProps('preferences.locale')}
                    />
                    <PaymentTermsField
                      label={t('setup.money.terms')}
                      value={values.preferences.defaultPaymentTerms}
                      onChange={(terms) => form.setFieldValue('preferences.defaultPaymentTerms', terms)}
                      error={form.errors['preferences.defaultPaymentTerms'] as string | undefined}
                    />
                    <Select
                      label={t('setup.money.fiscalYear')}
                      data={monthOptions(i18n.language)}
                      allowDeselect={false}
                      value={String(values.preferences.fiscalYearStartMonth)}
                      onChange={(m) => form.setFieldValue('preferences.fiscalYearStartMonth', Number(m))}
                    />
                  </Stack>
                </Stepper.Step>
                <Stepper.Step label={t(STEPS[3])}>
                  <Stack gap="xs" mt="md">
                    <SimpleGrid cols={3} spacing="xs">
                      <TextInput
                        label={t('setup.numbers.prefix')}
                        {...form.getInputProps('invoiceNumbering.prefix')}
                      />
                      <NumberInput
                        label={t('setup.numbers.digits')}
                        min={1}
                        max={10}
                        allowDecimal={false}
                        {...form.getInputProps('invoiceNumbering.padding')}
                      />
                      <NumberInput
                        label={t('setup.numbers.first')}
                        min={1}
                        allowDecimal={false}
                        {...form.getInputProps('invoiceNumbering.nextNumber')}
                      />
                    </SimpleGrid>
                    <Checkbox
                      label={t('setup.numbers.includeYear')}
                      {...form.getInputProps('invoiceNumbering.includeYear', { type: 'checkbox' })}
                    />
                    <Text size="sm">
                      {t('setup.numbers.preview')}{' '}
                      <strong>
                        {formatDocumentNumber(
                          {
                            ...values.invoiceNumbering,
                            padding: Number(values.invoiceNumbering.padding) || 1,
                          },
                          year,
                          Number(values.invoiceNumbering.nextNumber) || 1,
                        )}
                      </strong>
                    </Text>
                    <LogoPicker
                      value={logo}
                      onChange={setLogo}
                      error={form.errors['logo.dataBase64'] as string | undefined}
                    />
                  </Stack>
                </Stepper.Step>
              </Stepper>
              <Group justify="space-between">
                <Button
                  variant="default"
                  onClick={() => setStep((s) => Math.max(s - 1, 0))}
                  disabled={step === 0}
                >
                  {t('common.back')}
                </Button>
                {step < STEPS.length - 1 ? (
                  <Button onClick={next}>{t('common.next')}</Button>
                ) : (
                  <Button onClick={() => void finish()} loading={complete.isPending}>
                    {t('setup.finish')}
                  </Button>
                )}
              </Group>
            </>
          )}
        </Stack>
      </Card>
    </Center>
  );
}

/**
 * The first run's other way: this computer works on books already on the office's server.
 * The connection is checked and saved; the shared books open when Folio starts again.
 */
function UseSharedBooks({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const connect = useApiMutation('sharedBooks.connect', { invalidates: ['sharedBooks'] });
  const disconnect = useApiMutation('sharedBooks.disconnect', { invalidates: ['sharedBooks'] });
  // Setting up books here after all: the saved connection would open the shared books at the
  // next start instead, so it is forgotten.
  const back = async () => {
    if (connect.isSuccess) await disconnect.mutateAsync({});
    onBack();
  };
  return (
    <Stack gap="sm">
      {connect.isSuccess ? (
        <Alert color="green" title={t('sharedBooks.tab.restartTitle')}>
          {t('sharedBooks.tab.restartToOpenShared')}
        </Alert>
      ) : (
        <ConnectForm
          submitLabel={t('sharedBooks.tab.connect')}
          busy={connect.isPending}
          onSubmit={async (input) => {
            await connect.mutateAsync(input);
            return true;
          }}
        >
          <Title order={2} size="h4">
            {t('sharedBooks.wizard.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sharedBooks.tab.connectHint')}
          </Text>
        </ConnectForm>
      )}
      <Group>
        <Button
          variant="default"
          loading={disconnect.isPending}
          onClick={() => void back().catch(notifyError)}
        >
          {t('sharedBooks.wizard.setUpHere')}
        </Button>
      </Group>
    </Stack>
  );
}
