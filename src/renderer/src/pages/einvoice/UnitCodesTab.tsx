import { ActionIcon, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Loaded } from '../../components/PageState';
import { UNIT_CODES, unitCode } from '../../../../shared/domain/einvoice/codes';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';

const CODE_OPTIONS = Object.entries(UNIT_CODES).map(([value, label]) => ({
  value,
  label: `${value} — ${label}`,
}));

/** Settings → E-invoices: the UN/ECE unit code of each unit Folio cannot map by itself. */
export function EinvoiceTab() {
  const codes = useApi('einvoice.getUnitCodes', {});
  return <Loaded query={codes}>{(data) => <UnitCodes initial={data} />}</Loaded>;
}

function UnitCodes({ initial }: { initial: Record<string, string> }) {
  const save = useApiMutation('einvoice.setUnitCodes', {
    success: 'Unit codes saved.',
    invalidates: ['einvoice'],
  });
  const [rows, setRows] = useState<{ unit: string; code: string | null }[]>(() =>
    Object.entries(initial).map(([unit, code]) => ({ unit, code })),
  );
  const [unit, setUnit] = useState('');
  const known = unit.trim() ? unitCode(unit) : null;
  return (
    <Stack maw={760}>
      <Card withBorder padding="lg">
        <Stack gap="xs">
          <Title order={2} size="h4">
            Units on e-invoices
          </Title>
          <Text size="sm" c="dimmed">
            E-invoices name units by their UN/ECE code. Folio knows the usual ones (hour → HUR, day → DAY,
            piece or Stk → H87, kg → KGM, month → MON). Choose the code of any other unit you use here.
          </Text>
          <Table aria-label="Unit codes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Unit as you type it</Table.Th>
                <Table.Th>UN/ECE code</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text size="sm" c="dimmed">
                      No units of your own yet. Add one below if a preflight asks for its code.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((r, i) => (
                <Table.Tr key={r.unit}>
                  <Table.Td>{r.unit}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Code for ${r.unit}`}
                      searchable
                      data={CODE_OPTIONS}
                      value={r.code}
                      onChange={(c) => setRows(rows.map((x, j) => (j === i ? { ...x, code: c } : x)))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${r.unit}`}
                      onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group align="flex-end">
            <TextInput
              label="Add a unit"
              value={unit}
              onChange={(e) => setUnit(e.currentTarget.value)}
              description={known ? `Already known: ${known}` : 'As it appears on your invoice lines'}
            />
            <Button
              variant="light"
              disabled={!unit.trim() || rows.some((r) => r.unit === unit.trim().toLowerCase())}
              onClick={() => {
                setRows([...rows, { unit: unit.trim().toLowerCase(), code: known }]);
                setUnit('');
              }}
            >
              Add
            </Button>
          </Group>
          <Group justify="flex-end">
            <Button
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { codes: Object.fromEntries(rows.filter((r) => r.code).map((r) => [r.unit, r.code!])) },
                  { onError: notifyError },
                )
              }
            >
              Save unit codes
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
