import { useState } from 'react';
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
  const form = useForm({ initialValues: initial });
  const save = useApiMutation('printing.updateSettings', {
    invalidates: ['printing'],
    success: 'Document settings saved.',
  });
  const latest = useApi('documents.list', { type: 'invoice', limit: 1 });
  const [preview, setPreview] = useState(false);
  const [exporting, setExporting] = useState(false);
  useUnsavedGuard(form.isDirty());
  const values = form.getValues();
  const sample = fileNameFrom(values.fileNamePattern || '{number}', {
    number: 'INV-2026-0042',
    customer: 'Acme Ltd',
    type: 'Invoice',
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
                Layout
              </Title>
              <Group grow align="flex-start">
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="paper-size-label">
                    Paper size
                  </Text>
                  <SegmentedControl
                    aria-labelledby="paper-size-label"
                    data={[
                      { value: 'A4', label: 'A4' },
                      { value: 'Letter', label: 'US Letter' },
                    ]}
                    {...form.getInputProps('paperSize')}
                  />
                </Stack>
                <Select
                  label="Address position"
                  description="Where the customer’s address goes, to show in the envelope window"
                  allowDeselect={false}
                  data={[
                    { value: 'din5008', label: 'DIN 5008 window envelope (Europe)' },
                    { value: 'us10', label: 'US #10 window envelope' },
                  ]}
                  {...form.getInputProps('addressPosition')}
                />
              </Group>
              <Group grow align="flex-start">
                <ColorInput
                  label="Accent colour"
                  description="Titles, the table header and the amount due"
                  format="hex"
                  swatches={['#3B5BDB', '#1C7ED6', '#0C8599', '#2F9E44', '#E8590C', '#C2255C', '#495057']}
                  {...form.getInputProps('accentColor')}
                />
                <TextInput
                  label="File name pattern"
                  description={`Fields: {number} {customer} {type} {date}. Example: ${sample}`}
                  {...form.getInputProps('fileNamePattern')}
                />
              </Group>
              <Switch
                label="Show the logo on documents"
                {...form.getInputProps('showLogo', { type: 'checkbox' })}
              />
              <Textarea
                label="Footer"
                description="At the bottom of every page, unless a document has its own (company number, directors…)"
                autosize
                minRows={1}
                {...form.getInputProps('defaultFooter')}
              />
            </Stack>
          </Card>
          <Card withBorder padding="lg">
            <Stack gap="xs">
              <Title order={2} size="h4">
                Payment instructions
              </Title>
              <Text size="sm" c="dimmed">
                Printed on invoices and reminders that are still to be paid.
              </Text>
              <Textarea
                label="Instructions"
                placeholder="Please pay by bank transfer within the terms, quoting the invoice number."
                autosize
                minRows={2}
                {...form.getInputProps('paymentInstructions')}
              />
              <SimpleGrid cols={2} spacing="xs">
                <TextInput label="Bank" {...form.getInputProps('bankName')} />
                <TextInput
                  label="Account holder"
                  placeholder="Your business name"
                  {...form.getInputProps('accountHolder')}
                />
                <TextInput
                  label="IBAN"
                  placeholder="IE29 AIBK 9311 5212 3456 78"
                  {...form.getInputProps('iban')}
                />
                <TextInput label="BIC" placeholder="AIBKIE2D" {...form.getInputProps('bic')} />
              </SimpleGrid>
              <Switch
                label="Print a payment QR code (EPC/SEPA) on euro invoices"
                description="Customers scan it with their banking app to pay the exact amount to your IBAN, with the invoice number as reference."
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
                  ? `Preview ${sampleDoc.number ?? 'the latest invoice'}`
                  : 'Preview (no invoice yet)'}
              </Button>
              <Button variant="default" onClick={() => setExporting(true)}>
                Export PDFs…
              </Button>
            </Group>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save document settings
            </Button>
          </Group>
        </Stack>
      </form>
      {sampleDoc && (
        <PdfPreviewModal
          printRef={{ kind: 'document', id: sampleDoc.id }}
          title={`Preview: ${sampleDoc.number ?? 'latest invoice'}`}
          opened={preview}
          onClose={() => setPreview(false)}
        />
      )}
      <BulkExportDialog opened={exporting} onClose={() => setExporting(false)} />
      <DocumentLanguageSection />
    </Stack>
  );
}
