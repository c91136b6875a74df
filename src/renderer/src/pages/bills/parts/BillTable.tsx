import { useTranslation } from 'react-i18next';
import { Anchor, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { BillRow } from '../../../../../shared/api/payables';
import { useFormat } from './format';
import { StatusBadge } from './StatusBadge';

/**
 * Bills in a table: due date, vendor, their invoice number, status and amounts. Column widths
 * are shares of the table, so that at 1024 px and in longer languages the vendor keeps its room.
 */
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
  const { t } = useTranslation();
  return (
    <Table aria-label={label} withTableBorder layout="fixed">
      <Table.Thead>
        <Table.Tr>
          {showBillDate && <Table.Th w="11%">{t('bills.table.dated')}</Table.Th>}
          <Table.Th w="14%">{t('bills.table.due')}</Table.Th>
          <Table.Th>{t('common.vendor')}</Table.Th>
          <Table.Th w="18%">{t('bills.table.invoiceNo')}</Table.Th>
          <Table.Th w="16%">{t('common.status')}</Table.Th>
          <Table.Th w="12%" className="num">
            {t('common.total')}
          </Table.Th>
          <Table.Th w="12%" className="num">
            {t('bills.table.balance')}
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
                  {r.vendorInvoiceNumber || t('bills.billNumber', { id: r.id })}
                </Anchor>
                {r.openWarnings > 0 && (
                  <Tooltip label={t('bills.table.warnings', { count: r.openWarnings })}>
                    <IconAlertTriangle
                      size={16}
                      color="var(--mantine-color-orange-6)"
                      aria-label={t('bills.table.warnings', { count: r.openWarnings })}
                    />
                  </Tooltip>
                )}
              </Group>
              {r.offer && (
                <Text size="xs" c="teal.7">
                  {t('bills.offer', { date: date(r.offer.payBy), amount: money(r.offer.save, r.currency) })}
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
