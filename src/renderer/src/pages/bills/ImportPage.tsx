import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  FileInput,
  Group,
  List,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Output } from '../../../../shared/api/contract';
import { CSV_MAX_CHARS } from '../../../../shared/api/payables';
import { ApiError } from '../../api/client';
import { notifyError, useApiMutation } from '../../api/hooks';
import { formatBytes } from '../../lib/format';
import { PAYABLES, useFormat } from './parts/format';

const SAMPLE = `Vendor,Invoice number,Bill date,Due date,Net,Tax,Currency,Exchange rate,Category,Description,Terms
Acme Supplies,A-1042,2026-03-01,,120.00,27.60,EUR,,Supplies,Printer paper,2/10 net 30
Hosting Inc,H-77,2026-03-02,,19.99,,USD,0.92,Software,Server,net 30`;

/**
 * CSV import: the preview lists every row with what is wrong in it; only the good rows are
 * imported, all together, when the user confirms.
 */
export function ImportPage() {
  const { money, date, baseCurrency } = useFormat();
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Output<'billImport.preview'> | null>(null);
  const [result, setResult] = useState<Output<'billImport.commit'> | null>(null);
  // How to read the file: one field per column (absent: Folio's guesses) and whether an
  // Amount column includes tax (null: guessed). Both are sent again with the import.
  const [mapping, setMapping] = useState<(string | null)[] | undefined>(undefined);
  const [includesTax, setIncludesTax] = useState<boolean | null>(null);
  const check = useApiMutation('billImport.preview', { invalidates: [] });
  const commit = useApiMutation('billImport.commit', { invalidates: PAYABLES });

  const run = (
    f: { name: string; text: string },
    options: { mapping?: (string | null)[] | undefined; amountsIncludeTax?: boolean | null },
  ) =>
    check.mutate(
      { csv: f.text, fileName: f.name, ...options },
      {
        onSuccess: (p) => {
          setFileError(null);
          setPreview(p);
        },
        onError: (e) => (e instanceof ApiError && e.fields.csv ? setFileError(e.fields.csv) : notifyError(e)),
      },
    );
  const remap = (column: number, field: string | null) => {
    if (!file || !preview) return;
    const next = preview.columns.map((c, i) => (i === column ? field : c.key));
    setMapping(next);
    run(file, { mapping: next, amountsIncludeTax: includesTax });
  };
  const setTaxChoice = (value: boolean) => {
    if (!file) return;
    setIncludesTax(value);
    run(file, { mapping, amountsIncludeTax: value });
  };

  const choose = async (f: File | null) => {
    setFileError(null);
    setPreview(null);
    setResult(null);
    setFile(null);
    setMapping(undefined);
    setIncludesTax(null);
    if (!f) return;
    if (f.size > CSV_MAX_CHARS) {
      setFileError(
        t('bills.import.tooLarge', {
          name: f.name,
          size: formatBytes(f.size),
          limit: formatBytes(CSV_MAX_CHARS),
        }),
      );
      return;
    }
    const text = await f.text();
    setFile({ name: f.name, text });
    run({ name: f.name, text }, {});
  };

  const confirm = () => {
    if (!file || !preview) return;
    commit.mutate(
      {
        csv: file.text,
        fileName: file.name,
        mapping,
        amountsIncludeTax: includesTax,
        expectedRows: preview.okCount,
      },
      {
        onSuccess: (r) => {
          setResult(r);
          setPreview(null);
        },
        onError: (e) => setFileError(e.message),
      },
    );
  };

  return (
    <Stack gap="md" maw={1200}>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('bills.import.title')}
          </Title>
          <Text size="sm">{t('bills.import.help', { base: baseCurrency })}</Text>
          <Code block>{SAMPLE}</Code>
          <FileInput
            label={t('bills.import.file')}
            placeholder={t('bills.import.choose')}
            accept=".csv,text/csv"
            clearable
            value={null}
            onChange={(f) => void choose(f)}
            error={fileError}
            description={
              file
                ? t('bills.import.chosen', { name: file.name })
                : t('bills.import.upTo', { limit: formatBytes(CSV_MAX_CHARS) })
            }
          />
        </Stack>
      </Card>

      {result && (
        <Alert color="green" title={t('bills.import.done')} icon={<IconCheck size={18} />}>
          {t('bills.import.result', {
            imported: result.imported,
            vendors: result.vendorsCreated,
            skipped: result.skipped,
          })}{' '}
          <Link to="/bills/all">{t('bills.import.seeAll')}</Link>
        </Alert>
      )}

      {preview && (
        <Card withBorder padding="lg" aria-label={t('bills.import.preview')}>
          <Group justify="space-between" mb="sm" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ flex: 1 }}>
              <Title order={3} size="h5">
                {t('bills.import.previewOf', { name: file?.name ?? '' })}
              </Title>
              <Text size="sm">
                {t('bills.import.summary', { ok: preview.okCount, errors: preview.errorCount })}
                {preview.newVendors.length > 0 &&
                  ` ${t('bills.import.newVendors', { names: preview.newVendors.join(', ') })}`}{' '}
                {t('bills.import.nothingSaved')}
              </Text>
            </Stack>
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" onClick={() => setPreview(null)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={confirm} disabled={preview.okCount === 0} loading={commit.isPending}>
                {t('bills.import.importN', { count: preview.okCount })}
              </Button>
            </Group>
          </Group>
          <Stack gap="sm" mb="md">
            {preview.problem && (
              <Alert color="orange" title={t('bills.import.chooseColumns')}>
                {preview.problem}
              </Alert>
            )}
            <Text size="sm" c="dimmed">
              {t('bills.import.readAs', {
                delimiter:
                  preview.delimiter === ';' ? 'semicolon' : preview.delimiter === ',' ? 'comma' : 'tab',
                decimal: preview.decimalSeparator === ',' ? 'comma' : 'point',
              })}
            </Text>
            <SimpleGrid cols={{ base: 2, md: 4, lg: 6 }} spacing="xs">
              {preview.columns.map((c, i) => (
                <Select
                  key={i}
                  label={t('bills.import.column', { name: c.header || String(i + 1) })}
                  data={[
                    { value: '', label: t('bills.import.ignore') },
                    ...preview.fields.map((f) => ({ value: f.field, label: f.label })),
                  ]}
                  value={c.key ?? ''}
                  allowDeselect={false}
                  onChange={(v) => remap(i, v ? v : null)}
                  comboboxProps={{ withinPortal: true }}
                />
              ))}
            </SimpleGrid>
            {preview.hasAmountColumn && (
              <Radio.Group
                label={t('bills.import.amountIs')}
                value={(includesTax ?? preview.amountsIncludeTax) ? 'gross' : 'net'}
                onChange={(v) => setTaxChoice(v === 'gross')}
              >
                <Group mt={4}>
                  <Radio value="gross" label={t('bills.import.gross')} />
                  <Radio value="net" label={t('bills.import.net')} />
                </Group>
              </Radio.Group>
            )}
            {preview.totals.length > 0 && (
              <Table aria-label={t('bills.import.totals')} withTableBorder maw={640}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('common.currency')}</Table.Th>
                    <Table.Th className="num">{t('purchaseOrders.list.bills')}</Table.Th>
                    <Table.Th className="num">{t('bills.import.netColumn')}</Table.Th>
                    <Table.Th className="num">{t('common.tax')}</Table.Th>
                    <Table.Th className="num">{t('common.total')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.totals.map((t) => (
                    <Table.Tr key={t.currency}>
                      <Table.Td>{t.currency}</Table.Td>
                      <Table.Td className="num">{t.bills}</Table.Td>
                      <Table.Td className="num">{money(t.net, t.currency)}</Table.Td>
                      <Table.Td className="num">{money(t.tax, t.currency)}</Table.Td>
                      <Table.Td className="num">{money(t.total, t.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label={t('bills.import.rows')} withTableBorder style={{ whiteSpace: 'normal' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th className="num">{t('purchaseOrders.match.line')}</Table.Th>
                  <Table.Th miw={96}>{t('bills.import.check')}</Table.Th>
                  <Table.Th miw={140}>{t('common.vendor')}</Table.Th>
                  <Table.Th>{t('bills.table.invoiceNo')}</Table.Th>
                  <Table.Th>{t('bills.table.billDate')}</Table.Th>
                  <Table.Th>{t('bills.table.due')}</Table.Th>
                  <Table.Th className="num">{t('common.tax')}</Table.Th>
                  <Table.Th className="num">{t('common.total')}</Table.Th>
                  <Table.Th w="30%">{t('bills.import.messages')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.rows.map((r) => (
                  <Table.Tr key={r.line} bg={r.ok ? undefined : 'var(--mantine-color-red-light)'}>
                    <Table.Td className="num">{r.line}</Table.Td>
                    <Table.Td>
                      {r.ok ? (
                        <Badge
                          color="green"
                          variant="light"
                          leftSection={<IconCheck size={12} />}
                          style={{ textTransform: 'none' }}
                        >
                          {t('bills.import.ready')}
                        </Badge>
                      ) : (
                        <Badge
                          color="red"
                          variant="light"
                          leftSection={<IconX size={12} />}
                          style={{ textTransform: 'none' }}
                        >
                          {t('bills.import.error')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {r.vendorName}
                      {r.newVendor && r.ok && (
                        <Badge size="xs" ml={4} variant="outline" style={{ textTransform: 'none' }}>
                          {t('bills.import.new')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{r.vendorInvoiceNumber}</Table.Td>
                    <Table.Td>
                      {/^\d{4}-\d{2}-\d{2}$/.test(r.billDate) ? date(r.billDate) : r.billDate}
                    </Table.Td>
                    <Table.Td>{/^\d{4}-\d{2}-\d{2}$/.test(r.dueDate) ? date(r.dueDate) : r.dueDate}</Table.Td>
                    <Table.Td className="num">{r.ok ? money(r.tax, r.currency) : ''}</Table.Td>
                    <Table.Td className="num">{r.ok ? money(r.total, r.currency) : ''}</Table.Td>
                    <Table.Td>
                      <List size="xs" spacing={0}>
                        {r.errors.map((e, i) => (
                          <List.Item key={i} c="red.8">
                            {e.column}: {e.message}
                          </List.Item>
                        ))}
                        {r.warnings.map((w, i) => (
                          <List.Item key={`w${i}`} c="orange.8">
                            {w}
                          </List.Item>
                        ))}
                      </List>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}
