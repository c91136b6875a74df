import { Alert, Button, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { DEFAULT_SEPA_VERSION, type SepaVersion } from '../../../../../shared/domain/sepa-versions';
import { useApiMutation } from '../../../api/hooks';
import { download } from '../../../lib/download';

const VERSIONS: { value: SepaVersion; label: string }[] = [
  { value: 'pain.001.001.09', label: 'pain.001.001.09 (current SEPA format)' },
  { value: 'pain.001.001.03', label: 'pain.001.001.03 (older banking software)' },
];

/**
 * "Download SEPA file" for a payment run: the credit transfers of its euro payments as a
 * pain.001 file to upload to the bank. What stops the file (another currency, a vendor
 * without a valid IBAN, no IBAN of the business) is said here, in full.
 */
export function SepaDownload({ runId }: { runId: string }) {
  const [version, setVersion] = useState<SepaVersion>(DEFAULT_SEPA_VERSION);
  const [batchBooking, setBatchBooking] = useState(true);
  const file = useApiMutation('billPayments.sepaFile', { invalidates: [] });
  return (
    <Stack gap="xs" mt="sm">
      <Text size="sm" fw={600}>
        Pay through your bank
      </Text>
      <Select
        label="SEPA file format"
        data={VERSIONS}
        value={version}
        onChange={(v) => v && setVersion(v as SepaVersion)}
        allowDeselect={false}
      />
      <Switch
        label="One debit on the bank statement for the whole run (batch booking)"
        checked={batchBooking}
        onChange={(e) => setBatchBooking(e.currentTarget.checked)}
      />
      {file.error && (
        <Alert color="red" title="No SEPA file made">
          {file.error.message}
        </Alert>
      )}
      {file.data && (
        <Text size="sm" c="dimmed">
          {file.data.fileName}: {file.data.transactions} transfer{file.data.transactions === 1 ? '' : 's'},
          executed on {file.data.executionDate}.
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
          Download SEPA file
        </Button>
      </Group>
    </Stack>
  );
}
