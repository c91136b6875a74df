import { SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';

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
  const label = (name: string) => (legend ? `${legend}: ${name}` : name);
  return (
    <Stack gap="xs">
      <TextInput label={label('Address line 1')} {...form.getInputProps(`${path}.line1`)} />
      <TextInput label={label('Address line 2')} {...form.getInputProps(`${path}.line2`)} />
      <SimpleGrid cols={2} spacing="xs">
        <TextInput label={label('Postal code')} {...form.getInputProps(`${path}.postalCode`)} />
        <TextInput label={label('City')} {...form.getInputProps(`${path}.city`)} />
        <TextInput label={label('Region or state')} {...form.getInputProps(`${path}.region`)} />
        <TextInput label={label('Country')} {...form.getInputProps(`${path}.country`)} />
      </SimpleGrid>
    </Stack>
  );
}
