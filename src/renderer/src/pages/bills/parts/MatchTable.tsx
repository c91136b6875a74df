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
  const over = (is: boolean, percent: number) => is && ` (+${percent}%)`;
  return (
    <Table aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Line</Table.Th>
          <Table.Th className="num">Ordered</Table.Th>
          <Table.Th className="num">Billed</Table.Th>
          <Table.Th className="num">Order price</Table.Th>
          <Table.Th className="num">{withAmounts ? 'Highest billed price' : 'Billed price'}</Table.Th>
          {withAmounts && <Table.Th className="num">Order amount</Table.Th>}
          {withAmounts && <Table.Th className="num">Billed amount</Table.Th>}
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
              Not on the order
            </Badge>
          );
          return withAmounts ? (
            <Table.Tr key={`x${i}`}>
              <Table.Td colSpan={6}>
                {l.description || 'Line'} (bill #{l.billId}) {notOnOrder}
              </Table.Td>
              <Table.Td className="num">{money(l.amount, c)}</Table.Td>
            </Table.Tr>
          ) : (
            <Table.Tr key={`x${i}`}>
              <Table.Td>
                {l.description || 'Line'} {notOnOrder}
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
          <Table.Th colSpan={withAmounts ? 5 : undefined}>Total</Table.Th>
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
