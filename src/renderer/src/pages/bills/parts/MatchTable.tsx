import { useTranslation } from 'react-i18next';
import { Badge, Table } from '@mantine/core';
import type { PurchaseOrderMatch } from '../../../../../shared/api/payables';
import { useFormat } from './format';

/**
 * Ordered against billed, line by line, for a purchase order: on the order's page with the
 * amounts (`withAmounts`), on a bill's page with quantities and prices only. What is over
 * the order is red, with how much over.
 */
export function MatchTable({
  match: m,
  currency: c,
  label,
  withAmounts = false,
}: {
  match: PurchaseOrderMatch;
  currency: string;
  label: string;
  withAmounts?: boolean;
}) {
  const { money, quantity } = useFormat();
  const { t } = useTranslation();
  const over = (is: boolean, percent: number) => is && ` (+${percent}%)`;
  return (
    <Table aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('purchaseOrders.match.line')}</Table.Th>
          <Table.Th className="num">{t('purchaseOrders.match.ordered')}</Table.Th>
          <Table.Th className="num">{t('purchaseOrders.match.billed')}</Table.Th>
          <Table.Th className="num">{t('purchaseOrders.match.orderPrice')}</Table.Th>
          <Table.Th className="num">
            {withAmounts
              ? t('purchaseOrders.match.highestBilledPrice')
              : t('purchaseOrders.match.billedPrice')}
          </Table.Th>
          {withAmounts && <Table.Th className="num">{t('purchaseOrders.match.orderAmount')}</Table.Th>}
          {withAmounts && <Table.Th className="num">{t('purchaseOrders.match.billedAmount')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {m.rows.map((r) => (
          <Table.Tr key={r.poLineId}>
            <Table.Td>{r.description}</Table.Td>
            <Table.Td className="num">{quantity(String(r.orderedQuantity))}</Table.Td>
            <Table.Td className="num" c={r.quantityOver ? 'red' : undefined}>
              {quantity(String(r.billedQuantity))}
              {over(r.quantityOver, r.quantityOverPercent)}
            </Table.Td>
            <Table.Td className="num">{money(r.orderedUnitPrice, c)}</Table.Td>
            <Table.Td className="num" c={r.priceOver ? 'red' : undefined}>
              {r.billedUnitPrice === null ? '—' : money(r.billedUnitPrice, c)}
              {over(r.priceOver, r.priceOverPercent)}
            </Table.Td>
            {withAmounts && <Table.Td className="num">{money(r.orderedAmount, c)}</Table.Td>}
            {withAmounts && <Table.Td className="num">{money(r.billedAmount, c)}</Table.Td>}
          </Table.Tr>
        ))}
        {m.notOnOrder.map((l, i) => {
          const notOnOrder = (
            <Badge size="xs" color="orange" variant="light">
              {t('purchaseOrders.match.notOnOrder')}
            </Badge>
          );
          return withAmounts ? (
            <Table.Tr key={`x${i}`}>
              <Table.Td colSpan={6}>
                {t('purchaseOrders.match.extraLine', {
                  line: l.description || t('purchaseOrders.match.line'),
                  id: l.billId,
                })}{' '}
                {notOnOrder}
              </Table.Td>
              <Table.Td className="num">{money(l.amount, c)}</Table.Td>
            </Table.Tr>
          ) : (
            <Table.Tr key={`x${i}`}>
              <Table.Td>
                {l.description || t('purchaseOrders.match.line')} {notOnOrder}
              </Table.Td>
              <Table.Td className="num">—</Table.Td>
              <Table.Td className="num">{money(l.amount, c)}</Table.Td>
              <Table.Td />
              <Table.Td />
            </Table.Tr>
          );
        })}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th colSpan={withAmounts ? 5 : undefined}>{t('common.total')}</Table.Th>
          <Table.Th className="num">{money(m.orderedTotal, c)}</Table.Th>
          <Table.Th className="num" c={m.totalOver ? 'red' : undefined}>
            {money(m.billedTotal, c)}
            {over(m.totalOver, m.totalOverPercent)}
          </Table.Th>
          {!withAmounts && <Table.Th />}
          {!withAmounts && <Table.Th />}
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}
