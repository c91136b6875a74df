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
import { DOCUMENT_TYPE_LABELS, formatDocumentNumber } from '../../../../shared/domain/numbering';
import { useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { showApiError } from '../../lib/forms';

export function NumberingTab() {
  const settings = useSettings();
  return (
    <Stack maw={760}>
      <Text size="sm" c="dimmed">
        A number is given when a document is issued, never to a draft. Numbers run on without gaps and are
        never reused.
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
  const save = useApiMutation('settings.updateNumbering', {
    success: `${DOCUMENT_TYPE_LABELS[series.docType]} numbering saved.`,
  });
  const v = form.getValues();
  const label = DOCUMENT_TYPE_LABELS[series.docType];
  const preview = formatDocumentNumber(
    { ...v, padding: Number(v.padding) || 1 },
    new Date().getFullYear(),
    Number(v.nextNumber) || 1,
  );
  return (
    <Card withBorder padding="lg">
      <form
        aria-label={`${label} numbering`}
        onSubmit={form.onSubmit((values) =>
          save.mutate(values, {
            onSuccess: () => form.resetDirty(values),
            onError: (e) => showApiError(form, e),
          }),
        )}
      >
        <Stack gap="xs">
          <Title order={2} size="h4">
            {label}s
          </Title>
          <SimpleGrid cols={3} spacing="xs">
            <TextInput label={`${label} prefix`} {...form.getInputProps('prefix')} />
            <NumberInput
              label={`${label} digits`}
              min={1}
              max={10}
              allowDecimal={false}
              {...form.getInputProps('padding')}
            />
            <NumberInput
              label={`Next ${label.toLowerCase()} number`}
              min={1}
              allowDecimal={false}
              {...form.getInputProps('nextNumber')}
            />
          </SimpleGrid>
          <Checkbox
            label={`Include the year in ${label.toLowerCase()} numbers`}
            {...form.getInputProps('includeYear', { type: 'checkbox' })}
          />
          <Group justify="space-between">
            <Text size="sm">
              Next: <strong>{preview}</strong>
            </Text>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
