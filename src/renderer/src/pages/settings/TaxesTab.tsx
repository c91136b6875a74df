import { useFormat } from '../../lib/format';
import { Badge, Button, Checkbox, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Tax } from '../../../../shared/api/catalog';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { showApiError } from '../../lib/forms';

const KIND_LABELS = { standard: 'Standard', zero_rated: 'Zero-rated', exempt: 'Exempt' } as const;

/** Tax rates: exact percentages; compound for tax on tax; zero-rated and exempt with a reason. */
export function TaxesTab() {
  const f = useFormat();
  const taxes = useApi('taxes.list', { includeArchived: true });
  const [editing, setEditing] = useState<Tax | 'new' | null>(null);
  const archive = useApiMutation('taxes.setArchived');
  const rows = taxes.data ?? [];
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          A rate used on a document cannot change later (the document keeps its own copy): archive it and add
          a new one.
        </Text>
        <Button onClick={() => setEditing('new')}>New tax</Button>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">No taxes yet. Add your VAT or sales tax rates to put them on invoice lines.</Text>
      ) : (
        <Table withTableBorder aria-label="Taxes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th className="num">Rate</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Printed reason</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((t) => (
              <Table.Tr key={t.id} c={t.archived ? 'dimmed' : undefined}>
                <Table.Td>
                  {t.name}{' '}
                  {t.compound && (
                    <Badge size="xs" variant="light">
                      Compound
                    </Badge>
                  )}{' '}
                  {t.archived && (
                    <Badge size="xs" color="gray">
                      Archived
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td className="num">{f.percent(t.percent)}</Table.Td>
                <Table.Td>{KIND_LABELS[t.kind]}</Table.Td>
                <Table.Td>{t.reason}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setEditing(t)}
                      aria-label={`Edit ${t.name}`}
                    >
                      Edit
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="gray"
                      onClick={() =>
                        archive.mutate({ id: t.id, archived: !t.archived }, { onError: notifyError })
                      }
                    >
                      {t.archived ? 'Restore' : 'Archive'}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <TaxModal tax={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function TaxModal({ tax, onClose }: { tax: Tax | null; onClose: () => void }) {
  const form = useForm({
    initialValues: {
      name: tax?.name ?? '',
      percent: tax?.percent ?? '',
      compound: tax?.compound ?? false,
      kind: tax?.kind ?? ('standard' as Tax['kind']),
      reason: tax?.reason ?? '',
    },
  });
  const create = useApiMutation('taxes.create', { success: 'Tax saved.' });
  const update = useApiMutation('taxes.update', { success: 'Tax saved.' });
  const submit = form.onSubmit(async (v) => {
    try {
      if (tax) await update.mutateAsync({ ...v, id: tax.id });
      else await create.mutateAsync(v);
      onClose();
    } catch (error) {
      showApiError(form, error);
    }
  });
  const v = form.getValues();
  return (
    <Modal opened onClose={onClose} title={tax ? `Edit ${tax.name}` : 'New tax'}>
      <form onSubmit={submit}>
        <Stack gap="xs">
          <TextInput
            label="Tax name"
            withAsterisk
            placeholder="VAT 23%"
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Select
            label="Kind"
            allowDeselect={false}
            data={[
              { value: 'standard', label: 'Standard rate' },
              { value: 'zero_rated', label: 'Zero-rated (0%, e.g. exports)' },
              { value: 'exempt', label: 'Exempt or reverse charge (0%)' },
            ]}
            {...form.getInputProps('kind')}
            onChange={(k) => {
              form.setFieldValue('kind', (k ?? 'standard') as Tax['kind']);
              if (k !== 'standard') form.setFieldValue('percent', '0');
            }}
          />
          <TextInput
            label="Rate (%)"
            withAsterisk
            placeholder="23 or 9.975"
            classNames={{ input: 'num' }}
            disabled={v.kind !== 'standard'}
            {...form.getInputProps('percent')}
          />
          <Checkbox
            label="Compound: charged on the price plus the other taxes (as QST once was)"
            {...form.getInputProps('compound', { type: 'checkbox' })}
          />
          {v.kind !== 'standard' && (
            <TextInput
              label="Reason printed on the line"
              placeholder="Reverse charge: VAT to be accounted for by the recipient"
              {...form.getInputProps('reason')}
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              Save tax
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
