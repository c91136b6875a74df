import { Button, Card, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { CurrencySelect } from '../../components/CurrencySelect';
import { LocaleSelect } from '../../components/LocaleSelect';
import { PaymentTermsField } from '../../components/PaymentTermsField';
import { showApiError } from '../../lib/forms';
import { monthOptions } from '../../lib/regional';
import { useUnsavedGuard } from '../../lib/useUnsavedGuard';
import { formatMoney } from '../../lib/format';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, languageName } from '../../../../shared/i18n';
import { screenLanguage, systemLanguage } from '../../lib/i18n';
import { notifications } from '@mantine/notifications';

export function PreferencesTab() {
  const { t, i18n } = useTranslation();
  const settings = useSettings();
  const form = useForm({ initialValues: settings.preferences });
  const save = useApiMutation('settings.updatePreferences');
  useUnsavedGuard(form.isDirty());
  const values = form.getValues();
  const sample = formatSample(values.baseCurrency, values.locale);
  const languages = [
    {
      value: '',
      label: t('settings.preferences.languageAuto', { language: languageName(systemLanguage()) }),
    },
    ...LANGUAGES.map((l) => ({ value: l, label: languageName(l) })),
  ];

  return (
    <Card withBorder padding="lg" maw={760}>
      <form
        onSubmit={form.onSubmit((v) =>
          save.mutate(v, {
            onSuccess: (s) => {
              form.resetDirty(s.preferences);
              // Said in the language just chosen: switch first (Boot would do it a moment later).
              void i18n
                .changeLanguage(screenLanguage(s.preferences.language))
                .then(() =>
                  notifications.show({ color: 'green', message: i18n.t('settings.preferences.saved') }),
                );
            },
            onError: (e) => showApiError(form, e),
          }),
        )}
      >
        <Stack gap="xs">
          <Select
            label={t('settings.preferences.language')}
            description={t('settings.preferences.languageHint')}
            data={languages}
            allowDeselect={false}
            value={values.language ?? ''}
            onChange={(l) => form.setFieldValue('language', l ? l : null)}
            error={form.errors.language}
            maw={360}
          />
          <Title order={2} size="h4" mt="sm">
            {t('settings.preferences.moneyTitle')}
          </Title>
          <CurrencySelect
            label={t('setup.money.baseCurrency')}
            locale={values.locale}
            {...form.getInputProps('baseCurrency')}
          />
          <LocaleSelect label={t('setup.money.locale')} {...form.getInputProps('locale')} />
          {sample && (
            <Text size="sm" c="dimmed">
              {t('settings.preferences.sample', { sample })}
            </Text>
          )}
          <PaymentTermsField
            label={t('setup.money.terms')}
            value={values.defaultPaymentTerms}
            onChange={(terms) => form.setFieldValue('defaultPaymentTerms', terms)}
            error={form.errors.defaultPaymentTerms as string | undefined}
          />
          <Group grow>
            <Select
              label={t('setup.money.fiscalYear')}
              data={monthOptions(i18n.language)}
              allowDeselect={false}
              value={String(values.fiscalYearStartMonth)}
              onChange={(m) => form.setFieldValue('fiscalYearStartMonth', Number(m))}
              error={form.errors.fiscalYearStartMonth}
            />
            <NumberInput
              label={t('settings.preferences.onDay')}
              min={1}
              max={31}
              allowDecimal={false}
              {...form.getInputProps('fiscalYearStartDay')}
            />
          </Group>
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('settings.preferences.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** "$1,234,567.89 · Nov 23, 2026" in the chosen locale, or nothing while a field is invalid. */
function formatSample(currency: string, locale: string): string {
  try {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date());
    return `${formatMoney(123456789, currency, locale)} · ${date}`;
  } catch {
    return '';
  }
}
