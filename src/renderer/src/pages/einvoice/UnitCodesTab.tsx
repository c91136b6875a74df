import { ActionIcon, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const save = useApiMutation('einvoice.setUnitCodes', {
    success: () => t('einvoice.units.saved'),
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
            {t('einvoice.units.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('einvoice.units.hint')}
          </Text>
          <Table aria-label={t('einvoice.units.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('einvoice.units.unit')}</Table.Th>
                <Table.Th>{t('einvoice.units.code')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text size="sm" c="dimmed">
                      {t('einvoice.units.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((r, i) => (
                <Table.Tr key={r.unit}>
                  <Table.Td>{r.unit}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('einvoice.units.codeFor', { unit: r.unit })}
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
                      aria-label={t('einvoice.units.remove', { unit: r.unit })}
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
              label={t('einvoice.units.add')}
              value={unit}
              onChange={(e) => setUnit(e.currentTarget.value)}
              description={known ? t('einvoice.units.known', { code: known }) : t('einvoice.units.addHint')}
            />
            <Button
              variant="light"
              disabled={!unit.trim() || rows.some((r) => r.unit === unit.trim().toLowerCase())}
              onClick={() => {
                setRows([...rows, { unit: unit.trim().toLowerCase(), code: known }]);
                setUnit('');
              }}
            >
              {t('common.add')}
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
              {t('einvoice.units.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
