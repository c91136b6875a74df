import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Settings } from '../../../../shared/api/settings';
import { useTranslation } from 'react-i18next';
import { formatDocumentNumber } from '../../../../shared/domain/numbering';
import { useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { showApiError } from '../../lib/forms';

export function NumberingTab() {
  const { t } = useTranslation();
  const settings = useSettings();
  return (
    <Stack maw={760}>
      <Text size="sm" c="dimmed">
        {t('settings.numbering.intro')}
      </Text>
      {settings.numbering.map((series) => (
        <SeriesCard key={series.docType} series={series} />
      ))}
    </Stack>
  );
}

function SeriesCard({ series }: { series: Settings['numbering'][number] }) {
  const { preview: _preview, ...initial } = series;
  const form = useForm({ initialValues: initial });
  const { t } = useTranslation();
  const type = { type: series.docType };
  const save = useApiMutation('settings.updateNumbering', {
    success: () => t('settings.numbering.saved', type),
  });
  const v = form.getValues();
  const preview = formatDocumentNumber(
    { ...v, padding: Number(v.padding) || 1 },
    new Date().getFullYear(),
    Number(v.nextNumber) || 1,
  );
  return (
    <Card withBorder padding="lg">
      <form
        aria-label={t('settings.numbering.form', type)}
        onSubmit={form.onSubmit((values) =>
          save.mutate(values, {
            onSuccess: () => form.resetDirty(values),
            onError: (e) => showApiError(form, e),
          }),
        )}
      >
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('settings.numbering.title', type)}
          </Title>
          <SimpleGrid cols={3} spacing="xs">
            <TextInput label={t('settings.numbering.prefix', type)} {...form.getInputProps('prefix')} />
            <NumberInput
              label={t('settings.numbering.digits', type)}
              min={1}
              max={10}
              allowDecimal={false}
              {...form.getInputProps('padding')}
            />
            <NumberInput
              label={t('settings.numbering.next', type)}
              min={1}
              allowDecimal={false}
              {...form.getInputProps('nextNumber')}
            />
          </SimpleGrid>
          <Checkbox
            label={t('settings.numbering.includeYear', type)}
            {...form.getInputProps('includeYear', { type: 'checkbox' })}
          />
          <Group justify="space-between">
            <Text size="sm">
              {t('settings.numbering.preview')} <strong>{preview}</strong>
            </Text>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
