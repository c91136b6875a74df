import { DateField } from '../../components/DateField';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ExportStatus } from '../../../../shared/api/printing';
import { addDays } from '../../../../shared/domain/dates';
import { ApiError, call } from '../../api/client';
import { notifyError } from '../../api/hooks';
import { formatBytes } from '../../lib/format';
import { downloadBase64 } from './files';

const TYPES = ['invoice', 'quote', 'credit_note'] as const;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Every document dated in a period as PDFs in one zip, with a progress bar. Rendering runs on
 * all cores in the background; the zip downloads by itself when it is ready.
 */
export function BulkExportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
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
    <Modal opened={opened} onClose={close} title={t('outbox.export.title')} centered>
      <form onSubmit={start}>
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('outbox.export.hint')}
          </Text>
          <Group grow>
            <DateField
              label={t('outbox.period.from')}
              value={form.getValues().from}
              onChange={(d) => form.setFieldValue('from', d ?? '')}
              disabled={running}
            />
            <DateField
              label={t('outbox.period.to')}
              value={form.getValues().to}
              onChange={(d) => form.setFieldValue('to', d ?? '')}
              disabled={running}
            />
          </Group>
          <Checkbox.Group label={t('outbox.export.include')} {...form.getInputProps('types')}>
            <Group mt={4}>
              {TYPES.map((type) => (
                <Checkbox
                  key={type}
                  value={type}
                  label={t('documents.name.many', { type })}
                  disabled={running}
                />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox
            label={t('outbox.export.drafts')}
            {...form.getInputProps('includeDrafts', { type: 'checkbox' })}
            disabled={running}
          />
          <Checkbox
            label={t('outbox.export.einvoices')}
            {...form.getInputProps('includeEinvoices', { type: 'checkbox' })}
            disabled={running}
          />
          {status && (
            <Stack gap={4}>
              <Progress
                value={status.total ? (100 * status.done) / status.total : 0}
                aria-label={t('outbox.export.progress')}
                animated={running}
              />
              <Text size="sm">
                {status.state === 'done'
                  ? t('outbox.export.done', {
                      count: status.total,
                      size: formatBytes(status.bytes),
                      file: status.fileName,
                    })
                  : status.state === 'cancelled'
                    ? t('outbox.export.cancelled', { done: status.done, total: status.total })
                    : t('outbox.export.running', { done: status.done, count: status.total })}
              </Text>
            </Stack>
          )}
          {status?.state === 'failed' && <Alert color="red">{status.error}</Alert>}
          <Group justify="flex-end" mt="sm">
            <Button variant="subtle" onClick={close}>
              {running ? t('outbox.export.cancel') : t('common.close')}
            </Button>
            <Button type="submit" loading={running}>
              {t('outbox.export.start')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
