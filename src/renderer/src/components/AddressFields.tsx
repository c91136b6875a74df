import { SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

/** The six address fields, bound to `path` (for example "address" or "profile.address"). */
export function AddressFields<T>({
  form,
  path,
  legend,
}: {
  form: UseFormReturnType<T>;
  path: string;
  legend?: string;
}) {
  const { t } = useTranslation();
  const label = (name: string) => (legend ? t('components.address.withLegend', { legend, name }) : name);
  return (
    <Stack gap="xs">
      <TextInput label={label(t('components.address.line1'))} {...form.getInputProps(`${path}.line1`)} />
      <TextInput label={label(t('components.address.line2'))} {...form.getInputProps(`${path}.line2`)} />
      <SimpleGrid cols={2} spacing="xs">
        <TextInput
          label={label(t('components.address.postalCode'))}
          {...form.getInputProps(`${path}.postalCode`)}
        />
        <TextInput label={label(t('components.address.city'))} {...form.getInputProps(`${path}.city`)} />
        <TextInput label={label(t('components.address.region'))} {...form.getInputProps(`${path}.region`)} />
        <TextInput
          label={label(t('components.address.country'))}
          {...form.getInputProps(`${path}.country`)}
        />
      </SimpleGrid>
    </Stack>
  );
}
