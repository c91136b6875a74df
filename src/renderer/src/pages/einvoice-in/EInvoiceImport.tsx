import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  List,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { createContext, useCallback, useContext, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Output } from '../../../../shared/api/contract';
import type { EInvoiceFileResult } from '../../../../shared/api/einvoice-import';
import { call } from '../../api/client';
import { notifyError, useApiMutation } from '../../api/hooks';
import { en16931Only, XRechnungFindings } from './XRechnungFindings';
import { PAYABLES, useFormat } from '../bills/parts/format';
import { useTranslation } from 'react-i18next';

/**
 * Import e-invoices on the Bills pages: drop XML or PDF files anywhere on them, or pick them
 * with "Import e-invoices…". A preview says, per file, what it is, which vendor it matched
 * (or which vendor it will create), the payables warnings and the EN 16931 rule failures;
 * "Import" saves each good file as a bill (or a vendor credit) and reports per file.
 */
type Batch = Output<'einvoiceImport.preview'>;
type PickedFile = { fileName: string; dataBase64: string };

const ImportContext = createContext<{ pick: () => void } | null>(null);

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const STATUS = {
  ready: { label: 'einvoiceIn.import.status.ready', color: 'blue' },
  ready_with_warnings: { label: 'einvoiceIn.import.status.readyWithWarnings', color: 'orange' },
  imported: { label: 'einvoiceIn.import.status.imported', color: 'green' },
  imported_with_warnings: { label: 'einvoiceIn.import.status.importedWithWarnings', color: 'orange' },
  refused: { label: 'einvoiceIn.import.status.refused', color: 'red' },
} as const satisfies Record<EInvoiceFileResult['status'], { label: string; color: string }>;

const MATCHED_BY = {
  vat_id: 'einvoiceIn.import.matchedBy.vatId',
  iban: 'einvoiceIn.import.matchedBy.iban',
  electronic_address: 'einvoiceIn.import.matchedBy.electronicAddress',
  name: 'einvoiceIn.import.matchedBy.name',
} as const;

function FileRow({ r }: { r: EInvoiceFileResult }) {
  const { t } = useTranslation();
  const { money, date } = useFormat();
  const fatal = en16931Only(r.findings).filter((f) => f.severity === 'fatal');
  const advice = en16931Only(r.findings).filter((f) => f.severity === 'warning');
  return (
    <Table.Tr>
      <Table.Td valign="top">
        <Text size="sm" fw={500}>
          {r.fileName}
        </Text>
        {r.format && (
          <Text size="xs" c="dimmed">
            {r.format}
          </Text>
        )}
        <Badge color={STATUS[r.status].color} variant="light" mt={4}>
          {t(STATUS[r.status].label)}
        </Badge>
      </Table.Td>
      <Table.Td valign="top">
        {r.status === 'refused' ? (
          <Text size="sm" c="red">
            {r.message}
          </Text>
        ) : (
          <Stack gap={6}>
            <Text size="sm">
              {t(
                r.kind === 'vendor_credit'
                  ? 'einvoiceIn.import.creditNoteFrom'
                  : 'einvoiceIn.import.invoiceFrom',
                {
                  number: r.number,
                  date: date(r.issueDate),
                },
              )}{' '}
              <b>{r.sellerName}</b>
              {' · '}
              {t('einvoiceIn.import.linesTotal', { count: r.lines, total: money(r.total, r.currency) })}
              {r.payable !== r.total &&
                ` · ${t('einvoiceIn.import.due', { amount: money(r.payable, r.currency) })}`}
            </Text>
            <Text size="xs" c="dimmed">
              {r.vendor
                ? t('einvoiceIn.import.vendorMatched', {
                    name: r.vendor.name,
                    by: t(MATCHED_BY[r.vendor.by]),
                  })
                : r.newVendor
                  ? t('einvoiceIn.import.newVendor', {
                      details: [
                        r.newVendor.name,
                        r.newVendor.taxNumber &&
                          t('einvoiceIn.import.vatNumber', { id: r.newVendor.taxNumber }),
                        r.newVendor.address,
                        r.newVendor.bankDetails,
                      ]
                        .filter(Boolean)
                        .join(', '),
                    })
                  : ''}
              {r.purchaseOrder &&
                ` · ${t('einvoiceIn.import.purchaseOrder', { number: r.purchaseOrder.number })}`}
            </Text>
            {r.warnings.map((w) => (
              <Alert key={w.key} color={w.group === 'fraud' ? 'red' : 'orange'} title={w.title} p="xs">
                <Text size="sm">{w.message}</Text>
              </Alert>
            ))}
            {fatal.length > 0 && (
              <Alert
                color="orange"
                variant="light"
                p="xs"
                title={t('einvoiceIn.import.breaks', { count: fatal.length })}
              >
                <List size="sm">
                  {fatal.map((f) => (
                    <List.Item key={`${f.id}${f.message}`}>{f.message}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {advice.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('einvoiceIn.import.advice', { list: advice.map((f) => f.message).join('; ') })}
              </Text>
            )}
            <XRechnungFindings findings={r.findings} claims={r.findings.some((f) => f.ruleSet)} compact />
            {r.billId && (
              <Anchor component={Link} to={`/bills/${r.billId}`} size="sm">
                {t('einvoiceIn.import.openBill')}
              </Anchor>
            )}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function ResultTable({ batch }: { batch: Batch }) {
  const { t } = useTranslation();
  return (
    <Table aria-label={t('einvoiceIn.import.files')} verticalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={240}>{t('einvoiceIn.import.file')}</Table.Th>
          <Table.Th>{t('einvoiceIn.import.found')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {batch.files.map((r, i) => (
          <FileRow key={`${r.fileName}-${i}`} r={r} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ImportModal({
  files,
  preview,
  onClose,
}: {
  files: PickedFile[];
  preview: Batch;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { baseCurrency } = useFormat();
  const [rates, setRates] = useState<Record<string, string>>({});
  const [result, setResult] = useState<Batch | null>(null);
  const commit = useApiMutation('einvoiceImport.commit', { invalidates: [...PAYABLES, 'einvoices'] });
  const importable = preview.files.filter((f) => f.status !== 'refused');
  const newVendors = [...new Set(importable.filter((f) => f.newVendor).map((f) => f.newVendor!.name))];
  const needRates = [...new Set(importable.flatMap((f) => (f.needsRate ? [f.needsRate] : [])))];
  const shown = result ?? preview;
  const c = shown.counts;
  return (
    <Modal
      opened
      onClose={onClose}
      title={result ? t('einvoiceIn.import.doneTitle') : t('einvoiceIn.import.title')}
      size="80rem"
    >
      <Stack gap="sm">
        <Text size="sm" aria-live="polite">
          {result
            ? t('einvoiceIn.import.resultCounts', { ok: c.ok, warnings: c.withWarnings, refused: c.refused })
            : t('einvoiceIn.import.previewCounts', {
                count: files.length,
                ok: c.ok,
                warnings: c.withWarnings,
                refused: c.refused,
              })}
        </Text>
        {!result && needRates.length > 0 && (
          <Group>
            {needRates.map((cur) => (
              <TextInput
                key={cur}
                label={t('einvoiceIn.import.rate', { currency: cur, base: baseCurrency })}
                placeholder={t('einvoiceIn.import.ratePlaceholder', { example: '1.0845' })}
                value={rates[cur] ?? ''}
                onChange={(e) => setRates({ ...rates, [cur]: e.currentTarget.value })}
                w={180}
              />
            ))}
          </Group>
        )}
        {!result && newVendors.length > 0 && (
          <Alert color="blue" variant="light">
            {t('einvoiceIn.import.createsVendors', {
              count: newVendors.length,
              names: newVendors.join(', '),
            })}
          </Alert>
        )}
        <ResultTable batch={shown} />
        <Group justify="flex-end">
          {result ? (
            <Button onClick={onClose}>{t('einvoiceIn.import.done')}</Button>
          ) : (
            <>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button
                disabled={importable.length === 0}
                loading={commit.isPending}
                onClick={() =>
                  commit.mutate(
                    {
                      files: files.filter((_f, i) => preview.files[i]!.status !== 'refused'),
                      createVendors: newVendors.length > 0,
                      exchangeRates: Object.fromEntries(
                        Object.entries(rates).filter(([, v]) => v.trim() !== ''),
                      ),
                    },
                    {
                      onSuccess: (r) =>
                        setResult({
                          files: [...r.files, ...preview.files.filter((f) => f.status === 'refused')],
                          counts: { ...r.counts, refused: r.counts.refused + c.refused },
                        }),
                      onError: notifyError,
                    },
                  )
                }
              >
                {t(
                  newVendors.length > 1
                    ? 'einvoiceIn.import.createVendorsAndImport'
                    : newVendors.length
                      ? 'einvoiceIn.import.createVendorAndImport'
                      : 'einvoiceIn.import.importFiles',
                  { count: importable.length },
                )}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

/** Wraps the Bills pages: files dropped on them are imported as e-invoices. */
export function EInvoiceDropZone({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [batch, setBatch] = useState<{ files: PickedFile[]; preview: Batch } | null>(null);
  const check = useApiMutation('einvoiceImport.preview', { invalidates: [] });
  // The rule threads start and warm up while the person picks or drags files (at most once a
  // minute; the threads stay for ten idle minutes). Nothing to show: the import works either way.
  const preparedAt = useRef(0);
  const prepare = useCallback(() => {
    if (Date.now() - preparedAt.current < 60_000) return;
    preparedAt.current = Date.now();
    call('einvoiceImport.prepare', {}).catch(() => undefined);
  }, []);

  const start = useCallback(
    async (list: FileList | File[]) => {
      const picked = await Promise.all(
        [...list].map(async (f) => ({ fileName: f.name, dataBase64: await toBase64(f) })),
      );
      if (!picked.length) return;
      check.mutate(
        { files: picked },
        { onSuccess: (preview) => setBatch({ files: picked, preview }), onError: notifyError },
      );
    },
    [check],
  );
  const pick = useCallback(() => {
    prepare();
    input.current?.click();
  }, [prepare]);

  return (
    <ImportContext.Provider value={{ pick }}>
      <Box
        pos="relative"
        data-dropzone="einvoices"
        onDragOver={(e) => {
          if (![...e.dataTransfer.types].includes('Files')) return;
          e.preventDefault();
          if (!dragging) prepare();
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
          setDragging(false);
        }}
        onDrop={(e) => {
          if (!e.dataTransfer.files.length) return;
          e.preventDefault();
          setDragging(false);
          void start(e.dataTransfer.files);
        }}
      >
        <input
          ref={input}
          type="file"
          multiple
          accept=".xml,.pdf,application/xml,text/xml,application/pdf"
          aria-label={t('einvoiceIn.import.files')}
          hidden
          onChange={(e) => {
            if (e.currentTarget.files) void start(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        {children}
        {(dragging || check.isPending) && (
          <Box
            pos="absolute"
            inset={0}
            style={{
              border: '2px dashed var(--mantine-color-blue-5)',
              background: 'rgba(231, 245, 255, 0.85)',
              borderRadius: 8,
              zIndex: 10,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
            }}
          >
            <Text fw={500}>
              {check.isPending ? t('einvoiceIn.import.reading') : t('einvoiceIn.import.dropHint')}
            </Text>
          </Box>
        )}
      </Box>
      {batch && <ImportModal files={batch.files} preview={batch.preview} onClose={() => setBatch(null)} />}
    </ImportContext.Provider>
  );
}

/** The "Import e-invoices…" button; inside EInvoiceDropZone. */
export function ImportEInvoicesButton() {
  const { t } = useTranslation();
  const ctx = useContext(ImportContext);
  return (
    <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => ctx?.pick()}>
      {t('einvoiceIn.import.button')}
    </Button>
  );
}
