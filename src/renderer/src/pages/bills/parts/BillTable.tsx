import { Anchor, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { BillRow } from '../../../../../shared/api/payables';
import { useFormat } from './format';
import { StatusBadge } from './StatusBadge';

/** Bills in a table: due date, vendor, their invoice number, status and amounts. */
export function BillTable({
  rows,
  label,
  showBillDate = false,
  footer,
}: {
  rows: readonly BillRow[];
  label: string;
  showBillDate?: boolean;
  footer?: React.ReactNode;
}) {
  const { money, date } = useFormat();
  return (
    <Table aria-label={label} withTableBorder layout="fixed">
      <Table.Thead>
        <Table.Tr>
          {showBillDate && <Table.Th w={120}>Bill date</Table.Th>}
          <Table.Th w={150}>Due</Table.Th>
          <Table.Th>Vendor</Table.Th>
          <Table.Th w="28%">Invoice no.</Table.Th>
          <Table.Th w={150}>Status</Table.Th>
          <Table.Th w={130} className="num">
            Total
          </Table.Th>
          <Table.Th w={130} className="num">
            Balance
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id}>
            {showBillDate && <Table.Td>{date(r.billDate)}</Table.Td>}
            <Table.Td>
              <Text size="sm">{date(r.dueDate)}</Text>
              {r.dueLabel && (
                <Text size="xs" c={r.displayStatus === 'overdue' ? 'red' : 'dimmed'}>
                  {r.dueLabel}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/vendors/${r.vendorId}`} size="sm" c="inherit">
                {r.vendorName}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <Anchor component={Link} to={`/bills/${r.id}`} size="sm">
                  {r.vendorInvoiceNumber || `Bill #${r.id}`}
                </Anchor>
                {r.openWarnings > 0 && (
                  <Tooltip label={`${r.openWarnings} warning${r.openWarnings > 1 ? 's' : ''} to review`}>
                    <IconAlertTriangle
                      size={16}
                      color="var(--mantine-color-orange-6)"
                      aria-label={`${r.openWarnings} warning${r.openWarnings > 1 ? 's' : ''} to review`}
                    />
                  </Tooltip>
                )}
              </Group>
              {r.offer && (
                <Text size="xs" c="teal.7">
                  Pay by {date(r.offer.payBy)} to save {money(r.offer.save, r.currency)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <StatusBadge status={r.displayStatus} />
            </Table.Td>
            <Table.Td className="num">{money(r.total, r.currency)}</Table.Td>
            <Table.Td className="num" fw={500}>
              {money(r.balance, r.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      {footer && <Table.Tfoot>{footer}</Table.Tfoot>}
    </Table>
  );
}
