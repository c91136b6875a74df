import { Table, Text } from '@mantine/core';
import { MoneyInput } from '../../../components/MoneyInput';
import { useFormat } from './format';

export interface BillAmountRow {
  id: number;
  /** The vendor's invoice number, or "#id". */
  label: string;
  dueDate: string;
  /** "3 days overdue", under the date (optional). */
  dueLabel?: string;
  overdue?: boolean;
  balance: number;
  currency: string;
}

/**
 * Open bills with an amount to type per bill: what a vendor payment covers, or what a vendor
 * credit is applied to. Errors come keyed by the bill's id.
 */
export function BillAmountsTable({
  label,
  headers,
  rows,
  values,
  onChange,
  amountLabel,
  errors,
}: {
  label: string;
  headers: { bill: string; due: string; balance: string; amount: string };
  rows: BillAmountRow[];
  values: Record<number, number | null>;
  onChange: (id: number, amount: number | null) => void;
  /** The screen-reader name of one bill's amount field. */
  amountLabel: (bill: string) => string;
  errors: Record<string, string>;
}) {
  const { money, date } = useFormat();
  return (
    <Table aria-label={label} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{headers.bill}</Table.Th>
          <Table.Th w={150}>{headers.due}</Table.Th>
          <Table.Th w={140} className="num">
            {headers.balance}
          </Table.Th>
          <Table.Th w={180} className="num">
            {headers.amount}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((b) => (
          <Table.Tr key={b.id} style={{ verticalAlign: 'top' }}>
            <Table.Td pt={14}>{b.label}</Table.Td>
            <Table.Td pt={14}>
              <Text size="sm">{date(b.dueDate)}</Text>
              {b.dueLabel && (
                <Text size="xs" c={b.overdue ? 'red' : 'dimmed'}>
                  {b.dueLabel}
                </Text>
              )}
            </Table.Td>
            <Table.Td className="num" pt={14}>
              {money(b.balance, b.currency)}
            </Table.Td>
            <Table.Td>
              <MoneyInput
                aria-label={amountLabel(b.label)}
                currency={b.currency}
                value={values[b.id] ?? null}
                onChange={(v) => onChange(b.id, v)}
                error={errors[String(b.id)]}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The API names a wrong allocation by its index ("allocations.2.amount"); the table shows each
 * message at its bill's row (keyed by bill id), and anything else under its own path.
 */
export function errorsByBill(
  fields: Record<string, string>,
  allocations: readonly { billId: number }[],
): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const m = /^allocations\.(\d+)\./.exec(path);
    const bill = m ? allocations[Number(m[1])] : undefined;
    mapped[bill ? String(bill.billId) : path] = message;
  }
  return mapped;
}
