import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { AddressFields } from '../../components/AddressFields';
import { LogoPicker } from '../../components/LogoPicker';
import { readFileBase64, showApiError } from '../../lib/forms';
import { useUnsavedGuard } from '../../lib/useUnsavedGuard';
import { ElectronicAddressFields } from '../einvoice/EinvoiceFields';

export function BusinessTab() {
  const { t } = useTranslation();
  const settings = useSettings();
  const form = useForm({ initialValues: settings.profile });
  const save = useApiMutation('settings.updateProfile', { success: t('settings.business.saved') });
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
              {t('settings.tabs.business')}
            </Title>
            <TextInput label={t('setup.business.name')} withAsterisk {...form.getInputProps('name')} />
            <SimpleGrid cols={2} spacing="xs">
              <TextInput label={t('common.email')} {...form.getInputProps('email')} />
              <TextInput label={t('common.phone')} {...form.getInputProps('phone')} />
              <TextInput label={t('setup.business.website')} {...form.getInputProps('website')} />
              <TextInput label={t('setup.business.taxNumber')} {...form.getInputProps('taxNumber')} />
            </SimpleGrid>
            <AddressFields form={form} path="address" />
            <Title order={3} size="h5" mt="sm">
              {t('settings.business.einvoiceTitle')}
            </Title>
            <SimpleGrid cols={2} spacing="xs">
              <TextInput
                label={t('settings.business.vatId')}
                description={t('settings.business.vatIdHint')}
                {...form.getInputProps('vatId')}
              />
              <TextInput
                label={t('settings.business.registration')}
                description={t('settings.business.registrationHint')}
                {...form.getInputProps('legalRegistration')}
              />
              <TextInput label={t('settings.business.contactName')} {...form.getInputProps('contactName')} />
              <TextInput
                label={t('settings.business.contactPhone')}
                {...form.getInputProps('contactPhone')}
              />
              <TextInput
                label={t('settings.business.contactEmail')}
                {...form.getInputProps('contactEmail')}
              />
            </SimpleGrid>
            <ElectronicAddressFields form={form} />
            <Text size="xs" c="dimmed">
              {t('settings.business.bankHint')}
            </Text>
            <Group justify="flex-end" mt="sm">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                {t('settings.business.save')}
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
  const { t } = useTranslation();
  const settings = useSettings();
  const logo = useApi('settings.getLogo', {});
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const setLogo = useApiMutation('settings.setLogo', { success: t('settings.logo.saved') });
  const removeLogo = useApiMutation('settings.removeLogo', { success: t('settings.logo.removed') });
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
          {t('components.logo.label')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settings.logo.hint')}
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
              {t('settings.logo.remove')}
            </Button>
          )}
          <Button onClick={() => void upload()} disabled={!file} loading={setLogo.isPending}>
            {t('settings.logo.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
