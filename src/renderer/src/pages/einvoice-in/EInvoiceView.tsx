import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import type { EInvoiceView as View } from '../../../../shared/api/einvoice-import';
import {
  documentTypeName,
  paymentMeansName,
  unitName,
  vatCategoryName,
} from '../../../../shared/domain/einvoice-in/codes';
import type { EAllowanceCharge, EParty } from '../../../../shared/domain/einvoice-in/model';
import { formatIban } from '../../../../shared/domain/iban';
import { en16931Only, XRechnungFindings } from './XRechnungFindings';
import { useFormat } from '../bills/parts/format';

/**
 * The e-invoice behind a bill, read like a page: every party, every line as the file writes it,
 * allowances and charges, the totals the file states (with what its lines add up to when that
 * differs), the VAT breakdown, how to pay, notes, and the EN 16931 rules it breaks.
 */

/** Decimal text of the file, shown in the business locale without rounding it. */
function useDecimal() {
  const { locale } = useFormat();
  return (text: string, currency?: string) => {
    if (!text) return '';
    if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
    const decimals = text.split('.')[1]?.length ?? 0;
    const nf = new Intl.NumberFormat(locale, {
      ...(currency ? { style: 'currency', currency } : {}),
      minimumFractionDigits: currency ? Math.max(2, decimals) : 0,
      maximumFractionDigits: 20,
    });
    return nf.format(text as unknown as number);
  };
}

/** Exact sum of decimal texts (for "the lines add up to"). */
function sumDecimals(values: string[]): string {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, v.split('.')[1]?.length ?? 0);
  let total = 0n;
  for (const v of values) {
    if (!/^-?\d+(\.\d+)?$/.test(v)) continue;
    const neg = v.startsWith('-');
    const [u, f = ''] = (neg ? v.slice(1) : v).split('.');
    const n = BigInt(u! + f.padEnd(scale, '0'));
    total += neg ? -n : n;
  }
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, digits.length - scale)}${scale ? '.' + digits.slice(digits.length - scale) : ''}`;
}

function Party({ title, p }: { title: string; p: EParty }) {
  const a = p.address;
  return (
    <Card withBorder padding="sm" aria-label={title}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      <Text fw={600}>{p.name}</Text>
      {p.tradingName && <Text size="sm">trading as {p.tradingName}</Text>}
      {a && (
        <Text size="sm">
          {[...a.lines, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
            .filter(Boolean)
            .join(', ')}
        </Text>
      )}
      {p.vatId && <Text size="sm">VAT number {p.vatId}</Text>}
      {p.taxRegistrationId && <Text size="sm">Tax number {p.taxRegistrationId}</Text>}
      {p.legalId && <Text size="sm">Registration {p.legalId}</Text>}
      {p.electronicAddress && (
        <Text size="sm">
          Electronic address {p.electronicAddress.value}
          {p.electronicAddress.scheme && ` (${p.electronicAddress.scheme})`}
        </Text>
      )}
      {p.contact && (p.contact.name || p.contact.email || p.contact.phone) && (
        <Text size="sm">
          Contact {[p.contact.name, p.contact.phone, p.contact.email].filter(Boolean).join(' · ')}
        </Text>
      )}
    </Card>
  );
}

function acText(a: EAllowanceCharge) {
  return `${a.charge ? 'Charge' : 'Allowance'}${a.reason ? `: ${a.reason}` : ''}${a.percent ? ` (${a.percent}%${a.baseAmount ? ` of ${a.baseAmount}` : ''})` : ''}`;
}

export function EInvoiceReadable({ view, onOpenFile }: { view: View; onOpenFile: () => void }) {
  const { date } = useFormat();
  const dec = useDecimal();
  const d = view.data;
  const cur = d.currency;
  const fatal = en16931Only(view.findings).filter((f) => f.severity === 'fatal');
  const advice = en16931Only(view.findings).filter((f) => f.severity === 'warning');
  const linesSum = sumDecimals(d.lines.map((l) => l.netAmount));
  const linesDisagree = d.totals.lineTotal !== '' && Number(linesSum) !== Number(d.totals.lineTotal);
  const fmtDate = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? date(s) : s);
  const totals: [string, string, string?][] = [
    ['Sum of the lines (BT-106)', d.totals.lineTotal],
    ...(linesDisagree ? [['The lines add up to', linesSum, 'red'] as [string, string, string]] : []),
    ['Allowances (BT-107)', d.totals.allowanceTotal ? `-${d.totals.allowanceTotal}`.replace('--', '') : ''],
    ['Charges (BT-108)', d.totals.chargeTotal],
    ['Total without VAT (BT-109)', d.totals.taxExclusive],
    ['VAT (BT-110)', d.totals.taxTotal],
    ['Total with VAT (BT-112)', d.totals.taxInclusive],
    ['Paid in advance (BT-113)', d.totals.prepaid ? `-${d.totals.prepaid}`.replace('--', '') : ''],
    ['Rounding (BT-114)', d.totals.rounding],
    [d.kind === 'credit_note' ? 'Amount credited (BT-115)' : 'Amount due (BT-115)', d.totals.payable],
  ];
  return (
    <Card withBorder padding="lg" aria-label="E-invoice">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4">
              {documentTypeName(d.typeCode)} {d.number}
            </Title>
            <Text size="sm" c="dimmed">
              E-invoice · {view.format} · imported {new Date(view.importedAt).toLocaleDateString()}
            </Text>
          </div>
          <Button variant="light" leftSection={<IconFileText size={16} />} onClick={onOpenFile}>
            {view.container === 'pdf' ? 'Show the PDF' : 'Original file'}
          </Button>
        </Group>

        {fatal.length > 0 ? (
          <Alert
            color="orange"
            title={`This e-invoice breaks ${fatal.length} EN 16931 ${fatal.length === 1 ? 'rule' : 'rules'}`}
          >
            <List size="sm">
              {fatal.map((f) => (
                <List.Item key={`${f.id}${f.message}`}>{f.message}</List.Item>
              ))}
            </List>
            <Text size="xs" mt={4}>
              Folio keeps the vendor’s figures as they are. Ask the vendor for a corrected invoice if they
              matter.
            </Text>
          </Alert>
        ) : (
          <Badge color="green" variant="light">
            Passes the EN 16931 rules
          </Badge>
        )}
        {advice.length > 0 && (
          <Text size="xs" c="dimmed">
            Advice from the rules: {advice.map((f) => f.message).join('; ')}
          </Text>
        )}
        <XRechnungFindings findings={view.findings} claims={/xrechnung/i.test(d.customizationId)} />

        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Fact label="Issue date">{fmtDate(d.issueDate)}</Fact>
          <Fact label="Due date">{d.dueDate ? fmtDate(d.dueDate) : '—'}</Fact>
          <Fact label="Currency">{cur}</Fact>
          <Fact label="Buyer reference">{d.buyerReference || '—'}</Fact>
          {d.orderReference && <Fact label="Order">{d.orderReference}</Fact>}
          {d.contractReference && <Fact label="Contract">{d.contractReference}</Fact>}
          {d.precedingInvoice && <Fact label="Corrects invoice">{d.precedingInvoice}</Fact>}
          {d.deliveryDate && <Fact label="Delivered">{fmtDate(d.deliveryDate)}</Fact>}
          {d.period && (
            <Fact label="Period">
              {fmtDate(d.period.start)} – {fmtDate(d.period.end)}
            </Fact>
          )}
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <Party title="Seller" p={d.seller} />
          <Party title="Buyer" p={d.buyer} />
          {d.payee && <Party title="Payee" p={d.payee} />}
          {d.sellerTaxRepresentative && (
            <Party title="Seller's tax representative" p={d.sellerTaxRepresentative} />
          )}
        </SimpleGrid>

        <Table aria-label="E-invoice lines" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th className="num">Quantity</Table.Th>
              <Table.Th className="num">Net price</Table.Th>
              <Table.Th>VAT</Table.Th>
              <Table.Th className="num">Net amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.lines.map((l, i) => (
              <Table.Tr key={`${l.id}-${i}`}>
                <Table.Td>{l.id}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {l.name}
                  </Text>
                  {l.description && l.description !== l.name && (
                    <Text size="xs" c="dimmed">
                      {l.description}
                    </Text>
                  )}
                  {l.note && <Text size="xs">{l.note}</Text>}
                  {(l.sellerItemId || l.standardItemId) && (
                    <Text size="xs" c="dimmed">
                      {[
                        l.sellerItemId && `Item ${l.sellerItemId}`,
                        l.standardItemId && `GTIN ${l.standardItemId}`,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  )}
                  {l.allowances.map((a, j) => (
                    <Text key={j} size="xs">
                      {acText(a)}: {dec(a.charge ? a.amount : `-${a.amount}`.replace('--', ''), cur)}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td className="num">
                  {dec(l.quantity)} {unitName(l.unitCode)}
                </Table.Td>
                <Table.Td className="num">
                  {dec(l.netPrice, cur)}
                  {l.priceBaseQuantity && l.priceBaseQuantity !== '1' && ` per ${dec(l.priceBaseQuantity)}`}
                  {l.grossPrice && (
                    <Text size="xs" c="dimmed">
                      list {dec(l.grossPrice, cur)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {vatCategoryName(l.vatCategory)}
                  {l.vatRate && ` ${dec(l.vatRate)}%`}
                </Table.Td>
                <Table.Td className="num">{dec(l.netAmount, cur)}</Table.Td>
              </Table.Tr>
            ))}
            {d.allowances.map((a, i) => (
              <Table.Tr key={`ac-${i}`}>
                <Table.Td />
                <Table.Td colSpan={3}>{acText(a)}</Table.Td>
                <Table.Td>
                  {vatCategoryName(a.vatCategory)}
                  {a.vatRate && ` ${dec(a.vatRate)}%`}
                </Table.Td>
                <Table.Td className="num">
                  {dec(a.charge ? a.amount : `-${a.amount}`.replace('--', ''), cur)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Stack gap="sm">
            <Table aria-label="VAT breakdown">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>VAT</Table.Th>
                  <Table.Th className="num">Taxable</Table.Th>
                  <Table.Th className="num">VAT</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.vatBreakdown.map((v, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>
                      {vatCategoryName(v.category)}
                      {v.rate && ` ${dec(v.rate)}%`}
                      {(v.exemptionReason || v.exemptionCode) && (
                        <Text size="xs" c="dimmed">
                          {v.exemptionReason || v.exemptionCode}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className="num">{dec(v.taxableAmount, cur)}</Table.Td>
                    <Table.Td className="num">{dec(v.taxAmount, cur)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Card withBorder padding="sm" aria-label="Payment instructions">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                How to pay
              </Text>
              {d.payment.meansCode && (
                <Text size="sm">{d.payment.meansText || paymentMeansName(d.payment.meansCode)}</Text>
              )}
              {d.payment.accounts
                // Some files repeat the same account in two payment means: shown once.
                .filter((a, i, all) => all.findIndex((b) => b.iban === a.iban && b.bic === a.bic) === i)
                .map((a, i) => (
                  <Text size="sm" key={i}>
                    {a.name && `${a.name} · `}IBAN <b>{formatIban(a.iban)}</b>
                    {a.bic && ` · BIC ${a.bic}`}
                  </Text>
                ))}
              {d.payment.remittance && <Text size="sm">Reference {d.payment.remittance}</Text>}
              {d.payment.mandate && (
                <Text size="sm">
                  Direct debit, mandate {d.payment.mandate}
                  {d.payment.debitedAccount && ` from ${formatIban(d.payment.debitedAccount)}`}
                </Text>
              )}
              {d.payment.card && <Text size="sm">Card {d.payment.card}</Text>}
              {d.paymentTerms && (
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {d.paymentTerms}
                </Text>
              )}
            </Card>
          </Stack>
          <Stack gap={2} aria-label="E-invoice totals">
            {totals
              .filter(([, v]) => v !== '')
              .map(([label, v, color]) => (
                <Group key={label} justify="space-between">
                  <Text size="sm" c={color ?? 'dimmed'}>
                    {label}
                  </Text>
                  <Text size="sm" className="num" c={color} fw={label.includes('BT-115') ? 700 : undefined}>
                    {dec(v, cur)}
                  </Text>
                </Group>
              ))}
            {linesDisagree && (
              <Text size="xs" c="red">
                The file’s sum of the lines is not what its lines add up to. Both are shown; the bill takes
                the file’s totals.
              </Text>
            )}
          </Stack>
        </SimpleGrid>

        {d.notes.length > 0 && (
          <Card withBorder padding="sm" aria-label="Notes">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Notes
            </Text>
            {d.notes.map((n, i) => (
              <Text key={i} size="sm" style={{ whiteSpace: 'pre-line' }}>
                {n}
              </Text>
            ))}
          </Card>
        )}
      </Stack>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}
