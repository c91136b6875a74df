import { Box, Divider, Group, Image, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Document } from '../../../../shared/api/documents';
import { useApi } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { useMoneyFormat } from '../../components/Money';
import { formatDate, useFormat } from '../../lib/format';
import { addressLines } from '../../../../shared/domain/address';
import { discountOf } from '../../../../shared/domain/totals';
import { taxLabel } from '../../../../shared/domain/tax';

function discountText(
  d: Document['lines'][number]['discount'],
  fmt: (n: number) => string,
  percent: (p: string) => string,
): string {
  if (!d) return '';
  return d.kind === 'percent' ? `−${percent(d.percent)}` : `−${fmt(d.amount)}`;
}

/** The document as the customer will read it: a paper-like view of its content and figures. */
export function DocumentPaper({ doc }: { doc: Document }) {
  const { t } = useTranslation();
  const { profile, preferences } = useSettings();
  const type = doc.type;
  const logo = useApi('settings.getLogo', {});
  // The § 19 UStG note, as the PDF prints it under the totals of a document without tax.
  const exemption = useApi('settings.getSmallBusiness', {}).data;
  const exemptionNote =
    exemption?.enabled && doc.totals.tax === 0 ? exemption.note || exemption.defaultNote : '';
  const money = useMoneyFormat();
  const fmt = (n: number) => money(n, doc.currency);
  const date = (d: string) => formatDate(d, preferences.locale);
  const f = useFormat();
  const taxName = new Map(doc.totals.taxes.map((t) => [t.taxId, f.percent(t.percent)]));
  return (
    <Paper withBorder shadow="xs" p="xl" aria-label={t('documents.paper.label', { type })} role="document">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          {logo.data && (
            <Image
              src={`data:${logo.data.mimeType};base64,${logo.data.dataBase64}`}
              alt={t('documents.paper.logo', { name: profile.name })}
              h={48}
              w="auto"
              fit="contain"
            />
          )}
          <Text fw={700}>{profile.name}</Text>
          {addressLines(profile.address).map((l) => (
            <Text size="sm" key={l}>
              {l}
            </Text>
          ))}
          {profile.taxNumber && (
            <Text size="sm">{t('documents.paper.vat', { number: profile.taxNumber })}</Text>
          )}
        </Stack>
        <Stack gap={2} align="flex-end">
          <Title order={2} size="h3">
            {t('documents.name.one', { type })}
          </Title>
          <Text fw={600}>{doc.number ?? t('documents.draft')}</Text>
          <Text size="sm">{t('documents.paper.date', { date: date(doc.issueDate) })}</Text>
          {doc.dueDate && doc.type !== 'credit_note' && (
            <Text size="sm">
              {doc.type === 'quote'
                ? t('documents.paper.validUntil', { date: date(doc.dueDate) })
                : t('documents.paper.due', { date: date(doc.dueDate) })}
            </Text>
          )}
          {doc.reference && (
            <Text size="sm">{t('documents.paper.reference', { reference: doc.reference })}</Text>
          )}
          {doc.type !== 'quote' && doc.deliveryDate && (
            <Text size="sm">
              {doc.deliveryEnd
                ? t('documents.paper.servicePeriod', {
                    from: date(doc.deliveryDate),
                    to: date(doc.deliveryEnd),
                  })
                : t('documents.paper.deliveryDate', { date: date(doc.deliveryDate) })}
            </Text>
          )}
          {doc.buyerReference && (
            <Text size="sm">{t('documents.paper.buyerReference', { reference: doc.buyerReference })}</Text>
          )}
        </Stack>
      </Group>
      <Box mt="lg" mb="md">
        <Text size="xs" c="dimmed" tt="uppercase">
          {t('documents.paper.billTo')}
        </Text>
        <Text fw={600}>{doc.customerSnapshot.name}</Text>
        {doc.customerSnapshot.address.map((l) => (
          <Text size="sm" key={l}>
            {l}
          </Text>
        ))}
        {doc.customerSnapshot.taxNumber && (
          <Text size="sm">{t('documents.paper.vat', { number: doc.customerSnapshot.taxNumber })}</Text>
        )}
      </Box>
      <Table aria-label={t('documents.paper.lines')} verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.description')}</Table.Th>
            <Table.Th className="num">{t('documents.lines.qty')}</Table.Th>
            <Table.Th className="num">{t('documents.lines.price')}</Table.Th>
            <Table.Th className="num">{t('documents.lines.discount')}</Table.Th>
            <Table.Th className="num">{t('documents.paper.tax')}</Table.Th>
            <Table.Th className="num">{t('common.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {doc.lines.map((l) =>
            l.kind === 'item' ? (
              <Table.Tr key={l.id}>
                <Table.Td style={{ whiteSpace: 'pre-line' }}>
                  {l.description}
                  {l.exemptionReason && (
                    <Text size="xs" c="dimmed">
                      {l.exemptionReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td className="num">
                  {f.quantity(l.quantity)}
                  {l.unit ? ` ${l.unit}` : ''}
                </Table.Td>
                <Table.Td className="num">{fmt(l.unitPrice)}</Table.Td>
                <Table.Td className="num">{discountText(l.discount, fmt, f.percent)}</Table.Td>
                <Table.Td className="num">
                  {l.taxIds
                    .map((id) => taxName.get(id))
                    .filter(Boolean)
                    .join(' + ')}
                </Table.Td>
                <Table.Td className="num">
                  {fmt(l.amount - Number(discountOf(BigInt(l.amount), l.discount)))}
                </Table.Td>
              </Table.Tr>
            ) : (
              <Table.Tr key={l.id}>
                <Table.Td
                  colSpan={6}
                  fw={l.kind === 'heading' ? 600 : undefined}
                  fs={l.kind === 'note' ? 'italic' : undefined}
                >
                  {l.description}
                </Table.Td>
              </Table.Tr>
            ),
          )}
        </Table.Tbody>
      </Table>
      <SimpleGrid cols={2} mt="md">
        <Stack gap={4}>
          {doc.notes && (
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {doc.notes}
            </Text>
          )}
          {doc.terms && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
              {doc.terms}
            </Text>
          )}
        </Stack>
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm">
              {doc.pricesIncludeTax ? t('documents.totals.subtotalGross') : t('documents.totals.subtotal')}
            </Text>
            <Text size="sm" className="num">
              {fmt(doc.totals.subtotal)}
            </Text>
          </Group>
          {doc.totals.discount !== 0 && (
            <Group justify="space-between">
              <Text size="sm">{t('documents.lines.discount')}</Text>
              <Text size="sm" className="num">
                {fmt(-doc.totals.discount)}
              </Text>
            </Group>
          )}
          {doc.totals.shipping !== 0 && (
            <Group justify="space-between">
              <Text size="sm">{t('documents.totals.shipping')}</Text>
              <Text size="sm" className="num">
                {fmt(doc.totals.shipping)}
              </Text>
            </Group>
          )}
          {doc.totals.taxes.map((x) => (
            <Group justify="space-between" key={x.taxId}>
              <Text size="sm">
                {doc.pricesIncludeTax
                  ? t('documents.totals.taxOnGross', { tax: taxLabel(x), base: fmt(x.base) })
                  : t('documents.totals.taxOn', { tax: taxLabel(x), base: fmt(x.base) })}
              </Text>
              <Text size="sm" className="num">
                {fmt(x.amount)}
              </Text>
            </Group>
          ))}
          <Divider />
          <Group justify="space-between">
            <Text fw={700}>{t('common.total')}</Text>
            <Text fw={700} className="num">
              {money(doc.total, doc.currency, true)}
            </Text>
          </Group>
          {doc.type === 'invoice' && doc.status !== 'draft' && doc.paid + doc.credited > 0 && (
            <>
              <Group justify="space-between">
                <Text size="sm">{t('documents.paper.paidAndCredited')}</Text>
                <Text size="sm" className="num">
                  {fmt(-(doc.paid + doc.credited))}
                </Text>
              </Group>
              <Group justify="space-between">
                <Text fw={700}>{t('documents.paper.amountDue')}</Text>
                <Text fw={700} className="num">
                  {money(doc.balance, doc.currency, true)}
                </Text>
              </Group>
            </>
          )}
          {exemptionNote && (
            <Text size="xs" c="dimmed" ta="right">
              {exemptionNote}
            </Text>
          )}
        </Stack>
      </SimpleGrid>
      {doc.footer && (
        <Text size="xs" c="dimmed" ta="center" mt="xl">
          {doc.footer}
        </Text>
      )}
    </Paper>
  );
}
