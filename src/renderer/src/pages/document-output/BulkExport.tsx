import { DateField } from '../../components/DateField';
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ExportStatus } from '../../../../shared/api/printing';
import { addDays } from '../../../../shared/domain/dates';
import { ApiError, call } from '../../api/client';
import { notifyError } from '../../api/hooks';
import { formatBytes } from '../../lib/format';
import { downloadBase64 } from './files';

const TYPES = [
  { value: 'invoice', label: 'Invoices' },
  { value: 'quote', label: 'Quotes' },
  { value: 'credit_note', label: 'Credit notes' },
] as const;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Every document dated in a period as PDFs in one zip, with a progress bar. Rendering runs on
 * all cores in the background; the zip downloads by itself when it is ready.
 */
export function BulkExportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const form = useForm({
    initialValues: {
      from: addDays(today(), -30),
      to: today(),
      types: ['invoice', 'quote', 'credit_note'] as string[],
      includeDrafts: false,
      includeEinvoices: false,
    },
  });
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const running = status?.state === 'running';

  useEffect(() => {
    if (!status || status.state !== 'running') return;
    const timer = setTimeout(() => {
      call('printing.exportStatus', { jobId: status.jobId }).then(async (s) => {
        setStatus(s);
        if (s.state === 'done') {
          const file = await call('printing.exportDownload', { jobId: s.jobId });
          downloadBase64(file.fileName, file.dataBase64, 'application/zip');
        }
      }, notifyError);
    }, 400);
    return () => clearTimeout(timer);
  }, [status]);

  const start = form.onSubmit(async (values) => {
    try {
      setStatus(
        await call('printing.exportStart', {
          ...values,
          types: values.types as ('invoice' | 'quote' | 'credit_note')[],
        }),
      );
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) form.setErrors(e.fields);
      else notifyError(e);
    }
  });

  const close = () => {
    if (running && status) void call('printing.exportCancel', { jobId: status.jobId });
    setStatus(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="Export documents as PDF" centered>
      <form onSubmit={start}>
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Every document dated in the period, one PDF each, in a zip with a folder per kind.
          </Text>
          <Group grow>
            <DateField
              label="From"
              value={form.getValues().from}
              onChange={(d) => form.setFieldValue('from', d ?? '')}
              disabled={running}
            />
            <DateField
              label="To"
              value={form.getValues().to}
              onChange={(d) => form.setFieldValue('to', d ?? '')}
              disabled={running}
            />
          </Group>
          <Checkbox.Group label="Include" {...form.getInputProps('types')}>
            <Group mt={4}>
              {TYPES.map((t) => (
                <Checkbox key={t.value} value={t.value} label={t.label} disabled={running} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox
            label="Include drafts (marked DRAFT)"
            {...form.getInputProps('includeDrafts', { type: 'checkbox' })}
            disabled={running}
          />
          <Checkbox
            label="Include e-invoices (each customer's preferred format, as XML beside the PDF)"
            {...form.getInputProps('includeEinvoices', { type: 'checkbox' })}
            disabled={running}
          />
          {status && (
            <Stack gap={4}>
              <Progress
                value={status.total ? (100 * status.done) / status.total : 0}
                aria-label="Export progress"
                animated={running}
              />
              <Text size="sm">
                {status.state === 'done'
                  ? `Done: ${status.total} documents, ${formatBytes(status.bytes)}. The zip was downloaded as ${status.fileName}.`
                  : status.state === 'cancelled'
                    ? `Cancelled after ${status.done} of ${status.total}.`
                    : `${status.done} of ${status.total} documents…`}
              </Text>
            </Stack>
          )}
          {status?.state === 'failed' && <Alert color="red">{status.error}</Alert>}
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" onClick={close}>
              {running ? 'Cancel export' : 'Close'}
            </Button>
            <Button type="submit" loading={running}>
              Export
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
