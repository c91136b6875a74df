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
import { useTranslation } from 'react-i18next';

type Mapping = z.infer<typeof csvMappingSchema>;
type Preview = Output<'bank.import.preview'>;

const DELIMITERS = [
  { value: ',', label: 'bank.import.delimiterComma' },
  { value: ';', label: 'bank.import.delimiterSemicolon' },
  { value: '\t', label: 'bank.import.delimiterTab' },
  { value: '|', label: 'bank.import.delimiterBar' },
] as const;

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
  const { t } = useTranslation();
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
        ? t('bank.import.nothingNew', { count: r.skipped })
        : r.skipped
          ? t('bank.import.importedSkipped', { count: r.added, skipped: r.skipped })
          : t('bank.import.imported', { count: r.added }),
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
  const set = (patch: Partial<Mapping>) => {
    setMapping((m) => (m ? { ...m, ...patch } : m));
    setPreview(null);
  };
  type ColumnKey = {
    [K in keyof Mapping]: Mapping[K] extends string | null ? (K extends 'dateColumn' ? never : K) : never;
  }[keyof Mapping];
  /** A select of the file's columns for one field of the mapping. */
  const column = ({
    label,
    field,
    clearable = false,
  }: {
    label: string;
    field: ColumnKey;
    clearable?: boolean;
  }) => (
    <Select
      label={label}
      data={columnOptions}
      value={mapping?.[field] ?? null}
      onChange={(v) => set({ [field]: v })}
      clearable={clearable}
    />
  );

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('bank.import.title', { account: account.name })}
      size="xl"
    >
      <Stack>
        <FileInput
          label={t('bank.import.file')}
          description={t('bank.import.fileHint')}
          placeholder={t('bank.import.chooseFile')}
          value={file}
          onChange={(f) => void pick(f)}
          error={error}
          clearable
        />
        {csv && mapping && (
          <Stack gap="xs">
            <Text fw={600}>{t('bank.import.mapTitle')}</Text>
            <Text size="sm" c="dimmed">
              {csv.remembered ? t('bank.import.remembered') : t('bank.import.guessed')}
            </Text>
            <Group grow>
              <Select
                label={t('bank.import.encoding')}
                data={[...CSV_ENCODINGS]}
                value={mapping.encoding}
                onChange={(v) => v && set({ encoding: v as Mapping['encoding'] })}
                allowDeselect={false}
              />
              <Select
                label={t('bank.import.separator')}
                data={DELIMITERS.map((d) => ({ value: d.value, label: t(d.label) }))}
                value={mapping.delimiter}
                onChange={(v) => v && set({ delimiter: v as Mapping['delimiter'] })}
                allowDeselect={false}
              />
              <NumberInput
                label={t('bank.import.skipRows')}
                min={0}
                max={50}
                value={mapping.skipRows}
                onChange={(v) => set({ skipRows: Number(v) || 0 })}
              />
            </Group>
            <Group grow>
              <Select
                label={t('bank.import.dateColumn')}
                data={columnOptions}
                value={mapping.dateColumn}
                onChange={(v) => v && set({ dateColumn: v })}
                allowDeselect={false}
              />
              <Select
                label={t('bank.import.dateFormat')}
                data={[...CSV_DATE_FORMATS]}
                value={mapping.dateFormat}
                onChange={(v) => v && set({ dateFormat: v as Mapping['dateFormat'] })}
                allowDeselect={false}
              />
              <Select
                label={t('bank.import.decimal')}
                data={[
                  { value: '.', label: t('bank.import.decimalPoint') },
                  { value: ',', label: t('bank.import.decimalComma') },
                ]}
                value={mapping.decimal}
                onChange={(v) => v && set({ decimal: v as Mapping['decimal'] })}
                allowDeselect={false}
              />
            </Group>
            <Group grow>
              <Select
                label={t('bank.import.amounts')}
                data={[
                  { value: 'signed', label: t('bank.import.amountsSigned') },
                  { value: 'debitCredit', label: t('bank.import.amountsTwo') },
                ]}
                value={mapping.amountMode}
                onChange={(v) => v && set({ amountMode: v as Mapping['amountMode'] })}
                allowDeselect={false}
              />
              {mapping.amountMode === 'signed' ? (
                column({ label: t('bank.import.amountColumn'), field: 'amountColumn' })
              ) : (
                <>
                  {column({ label: t('bank.import.debitColumn'), field: 'debitColumn' })}
                  {column({ label: t('bank.import.creditColumn'), field: 'creditColumn' })}
                </>
              )}
            </Group>
            <Group grow>
              {column({ label: t('bank.import.nameColumn'), field: 'nameColumn', clearable: true })}
              {column({ label: t('bank.import.ibanColumn'), field: 'ibanColumn', clearable: true })}
              {column({ label: t('bank.import.referenceColumn'), field: 'referenceColumn', clearable: true })}
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
                  {t('bank.import.check')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
        {preview?.kind === 'statement' && (
          <Alert
            color="blue"
            title={t('bank.import.previewTitle', { count: preview.lines, newLines: preview.newLines })}
          >
            <Stack gap={2}>
              {preview.from && (
                <Text size="sm">
                  {t('bank.import.previewRange', {
                    from: formatDate(preview.from, preferences.locale),
                    to: formatDate(preview.to!, preferences.locale),
                    moneyIn: fmt(preview.moneyIn, account.currency),
                    moneyOut: fmt(preview.moneyOut, account.currency),
                  })}
                </Text>
              )}
              {preview.duplicates > 0 && (
                <Text size="sm">{t('bank.import.duplicates', { count: preview.duplicates })}</Text>
              )}
              {preview.closing && (
                <Text size="sm">
                  {t('bank.import.closing', {
                    amount: fmt(preview.closing.amount, account.currency),
                    date: formatDate(preview.closing.date, preferences.locale),
                  })}
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
            {t('common.cancel')}
          </Button>
          <Button
            disabled={preview?.kind !== 'statement'}
            loading={commit.isPending}
            onClick={() => void doImport()}
          >
            {preview?.kind === 'statement'
              ? t('bank.import.commit', { count: preview.newLines })
              : t('bank.import.commitNone')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
