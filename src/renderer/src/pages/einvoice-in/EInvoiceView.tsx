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
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EInvoiceView as View } from '../../../../shared/api/einvoice-import';
import type { EAllowanceCharge, EParty } from '../../../../shared/domain/einvoice-in/model';
import { formatIban } from '../../../../shared/domain/iban';
import { en16931Only, XRechnungFindings } from './XRechnungFindings';
import { useFormat } from '../bills/parts/format';
import {
  documentTypeLabel,
  paymentMeansLabel,
  unitLabel,
  vatCategoryLabel,
} from '../../../../shared/domain/einvoice-in/code-names';

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
  const { t } = useTranslation();
  const a = p.address;
  return (
    <Card withBorder padding="sm" aria-label={title}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      <Text fw={600}>{p.name}</Text>
      {p.tradingName && <Text size="sm">{t('einvoiceIn.view.tradingAs', { name: p.tradingName })}</Text>}
      {a && (
        <Text size="sm">
          {[...a.lines, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
            .filter(Boolean)
            .join(', ')}
        </Text>
      )}
      {p.vatId && <Text size="sm">{t('einvoiceIn.view.vatId', { id: p.vatId })}</Text>}
      {p.taxRegistrationId && (
        <Text size="sm">{t('einvoiceIn.view.taxNumber', { id: p.taxRegistrationId })}</Text>
      )}
      {p.legalId && <Text size="sm">{t('einvoiceIn.view.registration', { id: p.legalId })}</Text>}
      {p.electronicAddress && (
        <Text size="sm">
          {t('einvoiceIn.view.electronicAddress', { address: p.electronicAddress.value })}
          {p.electronicAddress.scheme && ` (${p.electronicAddress.scheme})`}
        </Text>
      )}
      {p.contact && (p.contact.name || p.contact.email || p.contact.phone) && (
        <Text size="sm">
          {t('einvoiceIn.view.contact', {
            contact: [p.contact.name, p.contact.phone, p.contact.email].filter(Boolean).join(' · '),
          })}
        </Text>
      )}
    </Card>
  );
}

function acText(t: TFunction, a: EAllowanceCharge) {
  const kind = a.charge ? t('einvoiceIn.view.charge') : t('einvoiceIn.view.allowance');
  const percent = a.percent
    ? ` ${
        a.baseAmount
          ? t('einvoiceIn.view.percentOf', { percent: a.percent, base: a.baseAmount })
          : t('einvoiceIn.view.percent', { percent: a.percent })
      }`
    : '';
  return `${kind}${a.reason ? `: ${a.reason}` : ''}${percent}`;
}

export function EInvoiceReadable({ view, onOpenFile }: { view: View; onOpenFile: () => void }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormat();
  const dec = useDecimal();
  const d = view.data;
  const cur = d.currency;
  const fatal = en16931Only(view.findings).filter((f) => f.severity === 'fatal');
  const advice = en16931Only(view.findings).filter((f) => f.severity === 'warning');
  const linesSum = sumDecimals(d.lines.map((l) => l.netAmount));
  const linesDisagree = d.totals.lineTotal !== '' && Number(linesSum) !== Number(d.totals.lineTotal);
  const fmtDate = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? date(s) : s);
  const totals: { label: string; value: string; color?: string; strong?: boolean }[] = [
    { label: t('einvoiceIn.view.totals.lineTotal'), value: d.totals.lineTotal },
    ...(linesDisagree
      ? [{ label: t('einvoiceIn.view.totals.linesAddUp'), value: linesSum, color: 'red' }]
      : []),
    {
      label: t('einvoiceIn.view.totals.allowances'),
      value: d.totals.allowanceTotal ? `-${d.totals.allowanceTotal}`.replace('--', '') : '',
    },
    { label: t('einvoiceIn.view.totals.charges'), value: d.totals.chargeTotal },
    { label: t('einvoiceIn.view.totals.taxExclusive'), value: d.totals.taxExclusive },
    { label: t('einvoiceIn.view.totals.tax'), value: d.totals.taxTotal },
    { label: t('einvoiceIn.view.totals.taxInclusive'), value: d.totals.taxInclusive },
    {
      label: t('einvoiceIn.view.totals.prepaid'),
      value: d.totals.prepaid ? `-${d.totals.prepaid}`.replace('--', '') : '',
    },
    { label: t('einvoiceIn.view.totals.rounding'), value: d.totals.rounding },
    {
      label:
        d.kind === 'credit_note'
          ? t('einvoiceIn.view.totals.amountCredited')
          : t('einvoiceIn.view.totals.amountDue'),
      value: d.totals.payable,
      strong: true,
    },
  ];
  return (
    <Card withBorder padding="lg" aria-label={t('einvoiceIn.view.label')}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4">
              {documentTypeLabel(t, d.typeCode)} {d.number}
            </Title>
            <Text size="sm" c="dimmed">
              {t('einvoiceIn.view.subtitle', { format: view.format, date: dateTime(view.importedAt) })}
            </Text>
          </div>
          <Button variant="light" leftSection={<IconFileText size={16} />} onClick={onOpenFile}>
            {view.container === 'pdf' ? t('einvoiceIn.view.showPdf') : t('einvoiceIn.view.originalFile')}
          </Button>
        </Group>

        {fatal.length > 0 ? (
          <Alert color="orange" title={t('einvoiceIn.view.breaks', { count: fatal.length })}>
            <List size="sm">
              {fatal.map((f) => (
                <List.Item key={`${f.id}${f.message}`}>{f.message}</List.Item>
              ))}
            </List>
            <Text size="xs" mt={4}>
              {t('einvoiceIn.view.keepsFigures')}
            </Text>
          </Alert>
        ) : (
          <Badge color="green" variant="light">
            {t('einvoiceIn.view.passes')}
          </Badge>
        )}
        {advice.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('einvoiceIn.view.advice', { list: advice.map((f) => f.message).join('; ') })}
          </Text>
        )}
        <XRechnungFindings findings={view.findings} claims={/xrechnung/i.test(d.customizationId)} />

        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Fact label={t('common.issueDate')}>{fmtDate(d.issueDate)}</Fact>
          <Fact label={t('common.dueDate')}>{d.dueDate ? fmtDate(d.dueDate) : '—'}</Fact>
          <Fact label={t('common.currency')}>{cur}</Fact>
          <Fact label={t('einvoiceIn.view.buyerReference')}>{d.buyerReference || '—'}</Fact>
          {d.orderReference && <Fact label={t('einvoiceIn.view.order')}>{d.orderReference}</Fact>}
          {d.contractReference && <Fact label={t('einvoiceIn.view.contract')}>{d.contractReference}</Fact>}
          {d.precedingInvoice && (
            <Fact label={t('einvoiceIn.view.correctsInvoice')}>{d.precedingInvoice}</Fact>
          )}
          {d.deliveryDate && <Fact label={t('einvoiceIn.view.delivered')}>{fmtDate(d.deliveryDate)}</Fact>}
          {d.period && (
            <Fact label={t('einvoiceIn.view.period')}>
              {fmtDate(d.period.start)} – {fmtDate(d.period.end)}
            </Fact>
          )}
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <Party title={t('einvoiceIn.view.seller')} p={d.seller} />
          <Party title={t('einvoiceIn.view.buyer')} p={d.buyer} />
          {d.payee && <Party title={t('einvoiceIn.view.payee')} p={d.payee} />}
          {d.sellerTaxRepresentative && (
            <Party title={t('einvoiceIn.view.taxRepresentative')} p={d.sellerTaxRepresentative} />
          )}
        </SimpleGrid>

        <Table aria-label={t('einvoiceIn.view.lines')} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('einvoiceIn.view.item')}</Table.Th>
              <Table.Th className="num">{t('common.quantity')}</Table.Th>
              <Table.Th className="num">{t('einvoiceIn.view.netPrice')}</Table.Th>
              <Table.Th>{t('einvoiceIn.view.vat')}</Table.Th>
              <Table.Th className="num">{t('einvoiceIn.view.netAmount')}</Table.Th>
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
                        l.sellerItemId && t('einvoiceIn.view.itemId', { id: l.sellerItemId }),
                        l.standardItemId && `GTIN ${l.standardItemId}`,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  )}
                  {l.allowances.map((a, j) => (
                    <Text key={j} size="xs">
                      {acText(t, a)}: {dec(a.charge ? a.amount : `-${a.amount}`.replace('--', ''), cur)}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td className="num">
                  {dec(l.quantity)} {unitLabel(t, l.unitCode)}
                </Table.Td>
                <Table.Td className="num">
                  {dec(l.netPrice, cur)}
                  {l.priceBaseQuantity &&
                    l.priceBaseQuantity !== '1' &&
                    ` ${t('einvoiceIn.view.per', { quantity: dec(l.priceBaseQuantity) })}`}
                  {l.grossPrice && (
                    <Text size="xs" c="dimmed">
                      {t('einvoiceIn.view.listPrice', { price: dec(l.grossPrice, cur) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {vatCategoryLabel(t, l.vatCategory)}
                  {l.vatRate && ` ${dec(l.vatRate)}%`}
                </Table.Td>
                <Table.Td className="num">{dec(l.netAmount, cur)}</Table.Td>
              </Table.Tr>
            ))}
            {d.allowances.map((a, i) => (
              <Table.Tr key={`ac-${i}`}>
                <Table.Td />
                <Table.Td colSpan={3}>{acText(t, a)}</Table.Td>
                <Table.Td>
                  {vatCategoryLabel(t, a.vatCategory)}
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
            <Table aria-label={t('einvoiceIn.view.vatBreakdown')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('einvoiceIn.view.vat')}</Table.Th>
                  <Table.Th className="num">{t('einvoiceIn.view.taxable')}</Table.Th>
                  <Table.Th className="num">{t('einvoiceIn.view.vat')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.vatBreakdown.map((v, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>
                      {vatCategoryLabel(t, v.category)}
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
            <Card withBorder padding="sm" aria-label={t('einvoiceIn.view.paymentInstructions')}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('einvoiceIn.view.howToPay')}
              </Text>
              {d.payment.meansCode && (
                <Text size="sm">{d.payment.meansText || paymentMeansLabel(t, d.payment.meansCode)}</Text>
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
              {d.payment.remittance && (
                <Text size="sm">{t('einvoiceIn.view.remittance', { reference: d.payment.remittance })}</Text>
              )}
              {d.payment.mandate && (
                <Text size="sm">
                  {d.payment.debitedAccount
                    ? t('einvoiceIn.view.mandateFrom', {
                        mandate: d.payment.mandate,
                        iban: formatIban(d.payment.debitedAccount),
                      })
                    : t('einvoiceIn.view.mandate', { mandate: d.payment.mandate })}
                </Text>
              )}
              {d.payment.card && <Text size="sm">{t('einvoiceIn.view.card', { card: d.payment.card })}</Text>}
              {d.paymentTerms && (
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {d.paymentTerms}
                </Text>
              )}
            </Card>
          </Stack>
          <Stack gap={2} aria-label={t('einvoiceIn.view.totalsLabel')}>
            {totals
              .filter(({ value }) => value !== '')
              .map(({ label, value, color, strong }) => (
                <Group key={label} justify="space-between">
                  <Text size="sm" c={color ?? 'dimmed'}>
                    {label}
                  </Text>
                  <Text size="sm" className="num" c={color} fw={strong ? 700 : undefined}>
                    {dec(value, cur)}
                  </Text>
                </Group>
              ))}
            {linesDisagree && (
              <Text size="xs" c="red">
                {t('einvoiceIn.view.linesDisagree')}
              </Text>
            )}
          </Stack>
        </SimpleGrid>

        {d.notes.length > 0 && (
          <Card withBorder padding="sm" aria-label={t('common.notes')}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('common.notes')}
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
