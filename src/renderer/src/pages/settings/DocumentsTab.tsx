import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Card,
  ColorInput,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Output } from '../../../../shared/api/contract';
import { fileNameFrom } from '../../../../shared/domain/file-names';
import { useApi, useApiMutation } from '../../api/hooks';
import { showApiError } from '../../lib/forms';
import { useUnsavedGuard } from '../../lib/useUnsavedGuard';
import { PdfPreviewModal } from '../document-output/PdfPreview';
import { BulkExportDialog } from '../document-output/BulkExport';
import { DocumentLanguageSection } from './DocumentWordingSection';

type DocumentSettings = Output<'printing.getSettings'>;

export function DocumentsTab() {
  const settings = useApi('printing.getSettings', {});
  if (!settings.data) return null;
  return <DocumentsForm initial={settings.data} />;
}

function DocumentsForm({ initial }: { initial: DocumentSettings }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: initial });
  const save = useApiMutation('printing.updateSettings', {
    invalidates: ['printing'],
    success: t('settings.documents.saved'),
  });
  const latest = useApi('documents.list', { type: 'invoice', limit: 1 });
  const [preview, setPreview] = useState(false);
  const [exporting, setExporting] = useState(false);
  useUnsavedGuard(form.isDirty());
  const values = form.getValues();
  const sample = fileNameFrom(values.fileNamePattern || '{number}', {
    number: 'INV-2026-0042',
    customer: t('settings.documents.sampleCustomer'),
    type: t('settings.documents.sampleType'),
    date: '2026-11-02',
  });
  const sampleDoc = latest.data?.rows[0];

  return (
    <Stack maw={860}>
      <form
        onSubmit={form.onSubmit((v) =>
          save.mutate(v, {
            // The saved settings are normalised (an IBAN typed with spaces comes back without):
            // show what was saved, so the form is not "unsaved" after a successful save.
            onSuccess: (s) => {
              form.setValues(s);
              form.resetDirty(s);
            },
            onError: (e) => showApiError(form, e),
          }),
        )}
      >
        <Stack>
          <Card withBorder padding="lg">
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('settings.documents.layout')}
              </Title>
              <Group grow align="flex-start">
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="paper-size-label">
                    {t('settings.documents.paperSize')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="paper-size-label"
                    data={[
                      { value: 'A4', label: 'A4' },
                      { value: 'Letter', label: t('settings.documents.usLetter') },
                    ]}
                    {...form.getInputProps('paperSize')}
                  />
                </Stack>
                <Select
                  label={t('settings.documents.addressPosition')}
                  description={t('settings.documents.addressPositionHint')}
                  allowDeselect={false}
                  data={[
                    { value: 'din5008', label: t('settings.documents.din5008') },
                    { value: 'us10', label: t('settings.documents.us10') },
                  ]}
                  {...form.getInputProps('addressPosition')}
                />
              </Group>
              <Group grow align="flex-start">
                <ColorInput
                  label={t('settings.documents.accent')}
                  description={t('settings.documents.accentHint')}
                  format="hex"
                  // eslint-disable-next-line i18next/no-literal-string -- colour values
                  swatches={['#3B5BDB', '#1C7ED6', '#0C8599', '#2F9E44', '#E8590C', '#C2255C', '#495057']}
                  {...form.getInputProps('accentColor')}
                />
                <TextInput
                  label={t('settings.documents.fileName')}
                  description={t('settings.documents.fileNameHint', {
                    fields: '{number} {customer} {type} {date}',
                    sample,
                  })}
                  {...form.getInputProps('fileNamePattern')}
                />
              </Group>
              <Switch
                label={t('settings.documents.showLogo')}
                {...form.getInputProps('showLogo', { type: 'checkbox' })}
              />
              <Textarea
                label={t('settings.documents.footer')}
                description={t('settings.documents.footerHint')}
                autosize
                minRows={1}
                {...form.getInputProps('defaultFooter')}
              />
            </Stack>
          </Card>
          <Card withBorder padding="lg">
            <Stack gap="xs">
              <Title order={2} size="h4">
                {t('settings.documents.paymentTitle')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('settings.documents.paymentHint')}
              </Text>
              <Textarea
                label={t('settings.documents.instructions')}
                placeholder={t('settings.documents.instructionsPlaceholder')}
                autosize
                minRows={2}
                {...form.getInputProps('paymentInstructions')}
              />
              <SimpleGrid cols={2} spacing="xs">
                <TextInput label={t('settings.documents.bank')} {...form.getInputProps('bankName')} />
                <TextInput
                  label={t('settings.documents.accountHolder')}
                  placeholder={t('settings.documents.accountHolderPlaceholder')}
                  {...form.getInputProps('accountHolder')}
                />
                <TextInput
                  label={t('settings.documents.iban')}
                  // eslint-disable-next-line i18next/no-literal-string -- an example IBAN, the same in every language
                  placeholder="IE29 AIBK 9311 5212 3456 78"
                  {...form.getInputProps('iban')}
                />
                <TextInput
                  label={t('settings.documents.bic')}
                  placeholder="AIBKIE2D"
                  {...form.getInputProps('bic')}
                />
              </SimpleGrid>
              <Switch
                label={t('settings.documents.epcQr')}
                description={t('settings.documents.epcQrHint')}
                {...form.getInputProps('epcQr', { type: 'checkbox' })}
              />
            </Stack>
          </Card>
          <Group justify="space-between">
            <Group gap="xs">
              <Button
                variant="default"
                disabled={!sampleDoc || form.isDirty()}
                onClick={() => setPreview(true)}
              >
                {sampleDoc
                  ? sampleDoc.number
                    ? t('settings.documents.previewNumber', { number: sampleDoc.number })
                    : t('settings.documents.previewLatest')
                  : t('settings.documents.previewNone')}
              </Button>
              <Button variant="default" onClick={() => setExporting(true)}>
                {t('settings.documents.export')}
              </Button>
            </Group>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('settings.documents.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      {sampleDoc && (
        <PdfPreviewModal
          printRef={{ kind: 'document', id: sampleDoc.id }}
          title={t('settings.documents.previewTitle', {
            number: sampleDoc.number ?? t('settings.documents.latestInvoice'),
          })}
          opened={preview}
          onClose={() => setPreview(false)}
        />
      )}
      <BulkExportDialog opened={exporting} onClose={() => setExporting(false)} />
      <DocumentLanguageSection />
    </Stack>
  );
}
