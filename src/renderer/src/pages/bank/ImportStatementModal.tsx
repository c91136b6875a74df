import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import type { z } from 'zod';
import type { BankAccount, csvMappingSchema } from '../../../../shared/api/bank';
import type { Output } from '../../../../shared/api/contract';
import { CSV_DATE_FORMATS, CSV_ENCODINGS } from '../../../../shared/domain/bank/csv-mapping';
import { ApiError, call } from '../../api/client';
import { useApiMutation } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { formatDate } from '../../lib/format';
import { readFileBase64 } from '../../lib/forms';

type Mapping = z.infer<typeof csvMappingSchema>;
type Preview = Output<'bank.import.preview'>;

const DELIMITERS = [
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Bar |' },
];

/** Pick a file → see what it holds (or map a CSV's columns) → import all its new lines at once. */
export function ImportStatementModal({
  account,
  opened,
  onClose,
}: {
  account: BankAccount;
  opened: boolean;
  onClose: () => void;
}) {
  const fmt = useMoneyFormat();
  const { preferences } = useSettings();
  const [file, setFile] = useState<File | null>(null);
  const [data, setData] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [csv, setCsv] = useState<Extract<Preview, { kind: 'csv' }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const commit = useApiMutation('bank.import.commit', {
    invalidates: ['bank', 'dashboard', 'reports'],
    success: (r) =>
      r.added === 0
        ? `Nothing new: all ${r.skipped} lines were imported before.`
        : `Imported ${r.added} lines${r.skipped ? `; ${r.skipped} were already there` : ''}.`,
  });

  const reset = () => {
    setFile(null);
    setData(null);
    setPreview(null);
    setMapping(null);
    setCsv(null);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const messageOf = (e: unknown) =>
    e instanceof ApiError
      ? (e.fields.dataBase64 ?? e.fields.csvMapping ?? Object.values(e.fields)[0] ?? e.message)
      : String(e);

  const runPreview = async (base64: string, m: Mapping | null) => {
    setBusy(true);
    setError(null);
    try {
      const p = await call('bank.import.preview', {
        accountId: account.id,
        fileName: file?.name ?? 'statement',
        dataBase64: base64,
        ...(m ? { csvMapping: m } : {}),
      });
      if (p.kind === 'csv') {
        setCsv(p);
        setMapping(p.mapping);
        setPreview(null);
      } else setPreview(p);
    } catch (e) {
      setPreview(null);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const pick = async (f: File | null) => {
    reset();
    setFile(f);
    if (!f) return;
    const base64 = await readFileBase64(f);
    setData(base64);
    await runPreview(base64, null);
  };

  const doImport = async () => {
    if (!data) return;
    try {
      await commit.mutateAsync({
        accountId: account.id,
        fileName: file?.name ?? 'statement',
        dataBase64: data,
        ...(mapping ? { csvMapping: mapping } : {}),
      });
      close();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const columnOptions = (csv?.headers ?? []).map((h) => ({ value: h, label: h }));
  const set = <K extends keyof Mapping>(key: K, value: Mapping[K]) => {
    setMapping((m) => (m ? { ...m, [key]: value } : m));
    setPreview(null);
  };
  type ColumnKey = {
    [K in keyof Mapping]: Mapping[K] extends string | null ? (K extends 'dateColumn' ? never : K) : never;
  }[keyof Mapping];
  /** A select of the file's columns for one field of the mapping. */
  const column = (label: string, key: ColumnKey, clearable = false) => (
    <Select
      label={label}
      data={columnOptions}
      value={mapping?.[key] ?? null}
      onChange={(v) => set(key, v as Mapping[typeof key])}
      clearable={clearable}
    />
  );

  return (
    <Modal opened={opened} onClose={close} title={`Import a statement into ${account.name}`} size="xl">
      <Stack>
        <FileInput
          label="Statement file"
          description="CAMT.053/052/054, MT940/MT942, OFX/QFX or CSV, as your bank's online banking exports it"
          placeholder="Choose a file"
          value={file}
          onChange={(f) => void pick(f)}
          error={error}
          clearable
        />
        {csv && mapping && (
          <Stack gap="xs">
            <Text fw={600}>Map the columns of this CSV file</Text>
            <Text size="sm" c="dimmed">
              {csv.remembered
                ? 'The mapping of your last CSV import for this account is filled in.'
                : 'Folio guessed the columns; check them.'}
            </Text>
            <Group grow>
              <Select
                label="Text encoding"
                data={[...CSV_ENCODINGS]}
                value={mapping.encoding}
                onChange={(v) => v && set('encoding', v as Mapping['encoding'])}
                allowDeselect={false}
              />
              <Select
                label="Separator"
                data={DELIMITERS}
                value={mapping.delimiter}
                onChange={(v) => v && set('delimiter', v as Mapping['delimiter'])}
                allowDeselect={false}
              />
              <NumberInput
                label="Rows above the header"
                min={0}
                max={50}
                value={mapping.skipRows}
                onChange={(v) => set('skipRows', Number(v) || 0)}
              />
            </Group>
            <Group grow>
              <Select
                label="Booking date column"
                data={columnOptions}
                value={mapping.dateColumn}
                onChange={(v) => v && set('dateColumn', v)}
                allowDeselect={false}
              />
              <Select
                label="Date format"
                data={[...CSV_DATE_FORMATS]}
                value={mapping.dateFormat}
                onChange={(v) => v && set('dateFormat', v as Mapping['dateFormat'])}
                allowDeselect={false}
              />
              <Select
                label="Decimal separator"
                data={[
                  { value: '.', label: 'Point: 1234.56' },
                  { value: ',', label: 'Comma: 1234,56' },
                ]}
                value={mapping.decimal}
                onChange={(v) => v && set('decimal', v as Mapping['decimal'])}
                allowDeselect={false}
              />
            </Group>
            <Group grow>
              <Select
                label="Amounts"
                data={[
                  { value: 'signed', label: 'One column, minus for money out' },
                  { value: 'debitCredit', label: 'Two columns: money out and money in' },
                ]}
                value={mapping.amountMode}
                onChange={(v) => v && set('amountMode', v as Mapping['amountMode'])}
                allowDeselect={false}
              />
              {mapping.amountMode === 'signed' ? (
                column('Amount column', 'amountColumn')
              ) : (
                <>
                  {column('Money out column', 'debitColumn')}
                  {column('Money in column', 'creditColumn')}
                </>
              )}
            </Group>
            <Group grow>
              {column('Name column', 'nameColumn', true)}
              {column('IBAN column', 'ibanColumn', true)}
              {column('Reference column', 'referenceColumn', true)}
            </Group>
            {csv.sample.length > 0 && (
              <Table.ScrollContainer minWidth={500}>
                <Table withTableBorder fz="xs">
                  <Table.Thead>
                    <Table.Tr>
                      {csv.headers.map((h) => (
                        <Table.Th key={h}>{h}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {csv.sample.slice(0, 3).map((r, i) => (
                      <Table.Tr key={i}>
                        {r.map((c, j) => (
                          <Table.Td key={j}>{c}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {!preview && (
              <Group>
                <Button variant="light" loading={busy} onClick={() => data && void runPreview(data, mapping)}>
                  Check the file with this mapping
                </Button>
              </Group>
            )}
          </Stack>
        )}
        {preview?.kind === 'statement' && (
          <Alert color="blue" title={`${preview.lines} lines, ${preview.newLines} new`}>
            <Stack gap={2}>
              {preview.from && (
                <Text size="sm">
                  {formatDate(preview.from, preferences.locale)} to{' '}
                  {formatDate(preview.to!, preferences.locale)} · money in{' '}
                  {fmt(preview.moneyIn, account.currency)} · money out{' '}
                  {fmt(preview.moneyOut, account.currency)}
                </Text>
              )}
              {preview.duplicates > 0 && (
                <Text size="sm">{preview.duplicates} lines were imported before and will be skipped.</Text>
              )}
              {preview.closing && (
                <Text size="sm">
                  Closing balance {fmt(preview.closing.amount, account.currency)} on{' '}
                  {formatDate(preview.closing.date, preferences.locale)}
                </Text>
              )}
              {preview.warnings.map((w) => (
                <Text key={w} size="sm" c="orange.8">
                  {w}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            disabled={preview?.kind !== 'statement'}
            loading={commit.isPending}
            onClick={() => void doImport()}
          >
            {preview?.kind === 'statement' ? `Import ${preview.newLines} lines` : 'Import'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
