import {
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
import type { Settings } from '../../../shared/api/settings';
import { formatDocumentNumber } from '../../../shared/domain/numbering';
import { useApiMutation } from '../api/hooks';
import { AddressFields } from '../components/AddressFields';
import { CurrencySelect } from '../components/CurrencySelect';
import { LocaleSelect } from '../components/LocaleSelect';
import { LogoPicker } from '../components/LogoPicker';
import { PaymentTermsField } from '../components/PaymentTermsField';
import { readFileBase64, showApiError } from '../lib/forms';
import { MONTHS, guessCurrency, guessLocale } from '../lib/regional';

const STEPS = ['Business', 'Address', 'Money', 'Numbers and logo'] as const;

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
  const [step, setStep] = useState(0);
  const [logo, setLogo] = useState<File | null>(null);
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
        name: (v) => (step === 0 && v.trim() === '' ? 'Enter the business name' : null),
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
              Welcome to Folio
            </Title>
            <Text c="dimmed" size="sm">
              A few details and you can send your first invoice. You can change all of this later in Settings.
            </Text>
          </div>
          <Stepper active={step} onStepClick={setStep} size="sm" allowNextStepsSelect={false}>
            <Stepper.Step label={STEPS[0]}>
              <Stack gap="xs" mt="md">
                <TextInput
                  label="Business name"
                  withAsterisk
                  data-autofocus
                  {...form.getInputProps('profile.name')}
                />
                <SimpleGrid cols={2} spacing="xs">
                  <TextInput label="Email" type="email" {...form.getInputProps('profile.email')} />
                  <TextInput label="Phone" {...form.getInputProps('profile.phone')} />
                  <TextInput label="Website" {...form.getInputProps('profile.website')} />
                  <TextInput label="Tax or VAT number" {...form.getInputProps('profile.taxNumber')} />
                </SimpleGrid>
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={STEPS[1]}>
              <Stack mt="md">
                <Text size="sm" c="dimmed">
                  Printed on your invoices, in the sender block.
                </Text>
                <AddressFields form={form} path="profile.address" />
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={STEPS[2]}>
              <Stack gap="xs" mt="md">
                <CurrencySelect
                  label="Base currency"
                  description="The currency your books are kept in"
                  locale={values.preferences.locale}
                  {...form.getInputProps('preferences.baseCurrency')}
                />
                <LocaleSelect label="Number and date format" {...form.getInputProps('preferences.locale')} />
                <PaymentTermsField
                  label="Default payment terms"
                  value={values.preferences.defaultPaymentTerms}
                  onChange={(t) => form.setFieldValue('preferences.defaultPaymentTerms', t)}
                  error={form.errors['preferences.defaultPaymentTerms'] as string | undefined}
                />
                <Select
                  label="Fiscal year starts in"
                  data={MONTHS}
                  allowDeselect={false}
                  value={String(values.preferences.fiscalYearStartMonth)}
                  onChange={(m) => form.setFieldValue('preferences.fiscalYearStartMonth', Number(m))}
                />
              </Stack>
            </Stepper.Step>
            <Stepper.Step label={STEPS[3]}>
              <Stack gap="xs" mt="md">
                <SimpleGrid cols={3} spacing="xs">
                  <TextInput
                    label="Invoice number prefix"
                    {...form.getInputProps('invoiceNumbering.prefix')}
                  />
                  <NumberInput
                    label="Digits"
                    min={1}
                    max={10}
                    allowDecimal={false}
                    {...form.getInputProps('invoiceNumbering.padding')}
                  />
                  <NumberInput
                    label="First number"
                    min={1}
                    allowDecimal={false}
                    {...form.getInputProps('invoiceNumbering.nextNumber')}
                  />
                </SimpleGrid>
                <Checkbox
                  label="Include the year"
                  {...form.getInputProps('invoiceNumbering.includeYear', { type: 'checkbox' })}
                />
                <Text size="sm">
                  Your first invoice will be number{' '}
                  <strong>
                    {formatDocumentNumber(
                      { ...values.invoiceNumbering, padding: Number(values.invoiceNumbering.padding) || 1 },
                      year,
                      Number(values.invoiceNumbering.nextNumber) || 1,
                    )}
                  </strong>
                  .
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
              Back
            </Button>
            {step < STEPS.length - 1 ? (
              <Button onClick={next}>Next</Button>
            ) : (
              <Button onClick={() => void finish()} loading={complete.isPending}>
                Finish setup
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
    </Center>
  );
}
