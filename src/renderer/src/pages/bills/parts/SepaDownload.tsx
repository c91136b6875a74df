import { useTranslation } from 'react-i18next';
import { Alert, Button, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { DEFAULT_SEPA_VERSION, type SepaVersion } from '../../../../../shared/domain/sepa-versions';
import { useApiMutation } from '../../../api/hooks';
import { download } from '../../../lib/download';
import { useFormat } from './format';

const VERSIONS = [
  { value: 'pain.001.001.09', label: 'payables.sepa.v09' },
  { value: 'pain.001.001.03', label: 'payables.sepa.v03' },
] as const satisfies readonly { value: SepaVersion; label: string }[];

/**
 * "Download SEPA file" for a payment run: the credit transfers of its euro payments as a
 * pain.001 file to upload to the bank. What stops the file (another currency, a vendor
 * without a valid IBAN, no IBAN of the business) is said here, in full.
 */
export function SepaDownload({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  const [version, setVersion] = useState<SepaVersion>(DEFAULT_SEPA_VERSION);
  const [batchBooking, setBatchBooking] = useState(true);
  const file = useApiMutation('billPayments.sepaFile', { invalidates: [] });
  return (
    <Stack gap="xs" mt="sm">
      <Text size="sm" fw={600}>
        {t('payables.sepa.title')}
      </Text>
      <Select
        label={t('payables.sepa.format')}
        data={VERSIONS.map((v) => ({ value: v.value, label: t(v.label) }))}
        value={version}
        onChange={(v) => v && setVersion(v as SepaVersion)}
        allowDeselect={false}
      />
      <Switch
        label={t('payables.sepa.batch')}
        checked={batchBooking}
        onChange={(e) => setBatchBooking(e.currentTarget.checked)}
      />
      {file.error && (
        <Alert color="red" title={t('payables.sepa.failed')}>
          {file.error.message}
        </Alert>
      )}
      {file.data && (
        <Text size="sm" c="dimmed">
          {t('payables.sepa.made', {
            file: file.data.fileName,
            count: file.data.transactions,
            date: date(file.data.executionDate),
          })}
        </Text>
      )}
      <Group justify="flex-end">
        <Button
          loading={file.isPending}
          onClick={() =>
            file.mutate(
              { runId, version, batchBooking },
              {
                onSuccess: (r) => download(r.fileName, new Blob([r.xml], { type: 'application/xml' })),
              },
            )
          }
        >
          {t('payables.sepa.download')}
        </Button>
      </Group>
    </Stack>
  );
}
