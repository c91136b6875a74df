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
import { notifyError, useApiMutation } from '../../api/hooks';
import { en16931Only, XRechnungFindings } from './XRechnungFindings';
import { PAYABLES, useFormat } from '../bills/parts/format';

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

const STATUS: Record<EInvoiceFileResult['status'], { label: string; color: string }> = {
  ready: { label: 'Ready', color: 'blue' },
  ready_with_warnings: { label: 'Ready, with warnings', color: 'orange' },
  imported: { label: 'Imported', color: 'green' },
  imported_with_warnings: { label: 'Imported with warnings', color: 'orange' },
  refused: { label: 'Refused', color: 'red' },
};

const MATCHED_BY = {
  vat_id: 'by VAT number',
  iban: 'by IBAN',
  electronic_address: 'by e-mail / electronic address',
  name: 'by name',
} as const;

function FileRow({ r }: { r: EInvoiceFileResult }) {
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
          {STATUS[r.status].label}
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
              {r.kind === 'vendor_credit' ? 'Credit note' : 'Invoice'} {r.number} of {date(r.issueDate)} from{' '}
              <b>{r.sellerName}</b> · {r.lines} {r.lines === 1 ? 'line' : 'lines'} · total{' '}
              {money(r.total, r.currency)}
              {r.payable !== r.total && ` · due ${money(r.payable, r.currency)}`}
            </Text>
            <Text size="xs" c="dimmed">
              {r.vendor
                ? `Vendor: ${r.vendor.name}, matched ${MATCHED_BY[r.vendor.by]}`
                : r.newVendor
                  ? `New vendor: ${r.newVendor.name}${r.newVendor.taxNumber ? `, VAT ${r.newVendor.taxNumber}` : ''}${r.newVendor.address ? `, ${r.newVendor.address}` : ''}${r.newVendor.bankDetails ? `, ${r.newVendor.bankDetails}` : ''}`
                  : ''}
              {r.purchaseOrder && ` · purchase order ${r.purchaseOrder.number}`}
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
                title={`Breaks ${fatal.length} EN 16931 ${fatal.length === 1 ? 'rule' : 'rules'}`}
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
                Advice: {advice.map((f) => f.message).join('; ')}
              </Text>
            )}
            <XRechnungFindings findings={r.findings} claims={r.findings.some((f) => f.ruleSet)} compact />
            {r.billId && (
              <Anchor component={Link} to={`/bills/${r.billId}`} size="sm">
                Open the bill
              </Anchor>
            )}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function ResultTable({ batch }: { batch: Batch }) {
  return (
    <Table aria-label="E-invoice files" verticalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={240}>File</Table.Th>
          <Table.Th>What Folio found</Table.Th>
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
    <Modal opened onClose={onClose} title={result ? 'E-invoices imported' : 'Import e-invoices'} size="80rem">
      <Stack gap="sm">
        <Text size="sm" aria-live="polite">
          {result
            ? `${c.ok} imported, ${c.withWarnings} imported with warnings, ${c.refused} refused.`
            : `${files.length} ${files.length === 1 ? 'file' : 'files'}: ${c.ok} ready, ${c.withWarnings} with warnings, ${c.refused} refused.`}
        </Text>
        {!result && needRates.length > 0 && (
          <Group>
            {needRates.map((cur) => (
              <TextInput
                key={cur}
                label={`1 ${cur} in ${baseCurrency}`}
                placeholder="like 1.0845"
                value={rates[cur] ?? ''}
                onChange={(e) => setRates({ ...rates, [cur]: e.currentTarget.value })}
                w={180}
              />
            ))}
          </Group>
        )}
        {!result && newVendors.length > 0 && (
          <Alert color="blue" variant="light">
            Importing creates {newVendors.length === 1 ? 'a new vendor' : `${newVendors.length} new vendors`}{' '}
            from what the files say: {newVendors.join(', ')}.
          </Alert>
        )}
        <ResultTable batch={shown} />
        <Group justify="flex-end">
          {result ? (
            <Button onClick={onClose}>Done</Button>
          ) : (
            <>
              <Button variant="default" onClick={onClose}>
                Cancel
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
                {newVendors.length > 1
                  ? 'Create vendors and import'
                  : newVendors.length
                    ? 'Create vendor and import'
                    : 'Import'}{' '}
                {importable.length} {importable.length === 1 ? 'file' : 'files'}
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
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [batch, setBatch] = useState<{ files: PickedFile[]; preview: Batch } | null>(null);
  const check = useApiMutation('einvoiceImport.preview', { invalidates: [] });

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
  const pick = useCallback(() => input.current?.click(), []);

  return (
    <ImportContext.Provider value={{ pick }}>
      <Box
        pos="relative"
        data-dropzone="einvoices"
        onDragOver={(e) => {
          if (![...e.dataTransfer.types].includes('Files')) return;
          e.preventDefault();
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
          aria-label="E-invoice files"
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
              {check.isPending
                ? 'Reading the e-invoices…'
                : 'Drop e-invoices (XRechnung, Peppol, Factur-X, ZUGFeRD) to import them as bills'}
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
  const ctx = useContext(ImportContext);
  return (
    <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => ctx?.pick()}>
      Import e-invoices…
    </Button>
  );
}
