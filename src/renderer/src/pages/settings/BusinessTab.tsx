import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { AddressFields } from '../../components/AddressFields';
import { LogoPicker } from '../../components/LogoPicker';
import { readFileBase64, showApiError } from '../../lib/forms';
import { useUnsavedGuard } from '../../lib/useUnsavedGuard';
import { ElectronicAddressFields } from '../einvoice/EinvoiceFields';

export function BusinessTab() {
  const settings = useSettings();
  const form = useForm({ initialValues: settings.profile });
  const save = useApiMutation('settings.updateProfile', { success: 'Business profile saved.' });
  useUnsavedGuard(form.isDirty());

  return (
    <Stack maw={760}>
      <Card withBorder padding="lg">
        <form
          onSubmit={form.onSubmit((values) =>
            save.mutate(values, {
              onSuccess: (s) => form.resetDirty(s.profile),
              onError: (e) => showApiError(form, e),
            }),
          )}
        >
          <Stack gap="xs">
            <Title order={2} size="h4">
              Business profile
            </Title>
            <TextInput label="Business name" withAsterisk {...form.getInputProps('name')} />
            <SimpleGrid cols={2} spacing="xs">
              <TextInput label="Email" {...form.getInputProps('email')} />
              <TextInput label="Phone" {...form.getInputProps('phone')} />
              <TextInput label="Website" {...form.getInputProps('website')} />
              <TextInput label="Tax or VAT number" {...form.getInputProps('taxNumber')} />
            </SimpleGrid>
            <AddressFields form={form} path="address" />
            <Title order={3} size="h5" mt="sm">
              For e-invoices
            </Title>
            <SimpleGrid cols={2} spacing="xs">
              <TextInput
                label="VAT ID"
                description="With the country prefix, like DE123456789"
                {...form.getInputProps('vatId')}
              />
              <TextInput
                label="Company registration"
                description="Register and number, like HRB 12345, Amtsgericht Berlin"
                {...form.getInputProps('legalRegistration')}
              />
              <TextInput label="Contact person" {...form.getInputProps('contactName')} />
              <TextInput label="Contact phone" {...form.getInputProps('contactPhone')} />
              <TextInput label="Contact email" {...form.getInputProps('contactEmail')} />
            </SimpleGrid>
            <ElectronicAddressFields form={form} />
            <Text size="xs" c="dimmed">
              Bank details for the payment instructions are in Settings → Documents.
            </Text>
            <Group justify="flex-end" mt="sm">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                Save profile
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <LogoCard />
    </Stack>
  );
}

function LogoCard() {
  const settings = useSettings();
  const logo = useApi('settings.getLogo', {});
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const setLogo = useApiMutation('settings.setLogo', { success: 'Logo saved.' });
  const removeLogo = useApiMutation('settings.removeLogo', { success: 'Logo removed.' });
  const currentUrl = logo.data ? `data:${logo.data.mimeType};base64,${logo.data.dataBase64}` : null;

  const upload = async () => {
    if (!file) return;
    setError(undefined);
    try {
      await setLogo.mutateAsync({ fileName: file.name, dataBase64: await readFileBase64(file) });
      setFile(null);
    } catch (e) {
      const fields = (e as { fields?: Record<string, string> }).fields ?? {};
      if (fields.dataBase64) setError(fields.dataBase64);
      else notifyError(e);
    }
  };

  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        <Title order={2} size="h4">
          Logo
        </Title>
        <Text size="sm" c="dimmed">
          Shown at the top of your invoices, quotes and statements.
        </Text>
        <LogoPicker value={file} onChange={setFile} error={error} currentUrl={currentUrl} />
        <Group justify="flex-end">
          {settings.logo && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => removeLogo.mutate({})}
              loading={removeLogo.isPending}
            >
              Remove logo
            </Button>
          )}
          <Button onClick={() => void upload()} disabled={!file} loading={setLogo.isPending}>
            Save logo
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
