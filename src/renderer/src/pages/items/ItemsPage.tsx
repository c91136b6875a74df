import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { Item } from '../../../../shared/api/catalog';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { Money } from '../../components/Money';
import { MoneyInput } from '../../components/MoneyInput';
import { showApiError } from '../../lib/forms';
import { useListShortcuts } from '../../lib/useListShortcuts';

/** Products and services with their price, unit and default taxes. */
export function ItemsPage() {
  const { preferences } = useSettings();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 150);
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const items = useApi('items.list', { search: debounced, includeArchived: showArchived, limit: 500 });
  const taxes = useApi('taxes.list', { includeArchived: true }).data ?? [];
  useListShortcuts({ onNew: () => setEditing('new'), search: searchRef });
  const rows = items.data ?? [];
  const taxNames = (ids: number[]) => ids.map((id) => taxes.find((t) => t.id === id)?.name ?? '').join(', ');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Items
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          New item
        </Button>
      </Group>
      <Group>
        <TextInput
          ref={searchRef}
          aria-label="Search items"
          placeholder="Search name, SKU or description  ( / )"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={360}
        />
        <Checkbox
          label="Show archived"
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
        />
      </Group>
      {rows.length === 0 && !items.isPending ? (
        <Paper withBorder p="xl" ta="center">
          <Stack align="center" gap="xs">
            <Text>
              {debounced
                ? `No item matches “${debounced}”.`
                : 'No items yet. Items fill invoice lines in one keystroke.'}
            </Text>
            {!debounced && <Button onClick={() => setEditing('new')}>Add your first item</Button>}
          </Stack>
        </Paper>
      ) : (
        <Table withTableBorder highlightOnHover aria-label="Items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>SKU</Table.Th>
              <Table.Th>Unit</Table.Th>
              <Table.Th>Taxes</Table.Th>
              <Table.Th className="num">Price</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((item) => (
              <Table.Tr
                key={item.id}
                onClick={() => setEditing(item)}
                style={{ cursor: 'pointer' }}
                c={item.archived ? 'dimmed' : undefined}
              >
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {item.name}
                    {item.archived ? ' (archived)' : ''}
                  </Text>
                  {item.description && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {item.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{item.sku}</Table.Td>
                <Table.Td>{item.unit}</Table.Td>
                <Table.Td>{taxNames(item.taxIds)}</Table.Td>
                <Table.Td className="num">
                  <Money amount={item.unitPrice} currency={preferences.baseCurrency} size="sm" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <ItemModal item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function ItemModal({ item, onClose }: { item: Item | null; onClose: () => void }) {
  const { preferences } = useSettings();
  const taxes = useApi('taxes.list', {}).data ?? [];
  const form = useForm({
    initialValues: {
      name: item?.name ?? '',
      description: item?.description ?? '',
      unit: item?.unit ?? '',
      unitPrice: item?.unitPrice ?? (null as number | null),
      taxIds: (item?.taxIds ?? []).map(String),
      sku: item?.sku ?? '',
    },
  });
  const create = useApiMutation('items.create', { success: 'Item saved.' });
  const update = useApiMutation('items.update', { success: 'Item saved.' });
  const archive = useApiMutation('items.setArchived', {
    success: item?.archived ? 'Item restored.' : 'Item archived.',
  });
  const submit = form.onSubmit(async (v) => {
    if (v.unitPrice === null) return form.setFieldError('unitPrice', 'Enter the price');
    const input = { ...v, unitPrice: v.unitPrice, taxIds: v.taxIds.map(Number) };
    try {
      if (item) await update.mutateAsync({ ...input, id: item.id });
      else await create.mutateAsync(input);
      onClose();
    } catch (error) {
      showApiError(form, error);
    }
  });
  return (
    <Modal opened onClose={onClose} title={item ? `Edit ${item.name}` : 'New item'} size="lg">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <TextInput label="Item name" withAsterisk data-autofocus {...form.getInputProps('name')} />
          <Textarea
            label="Description"
            description="Added to the invoice line under the name"
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <SimpleGrid cols={3} spacing="xs">
            <MoneyInput
              label={`Price (${preferences.baseCurrency})`}
              withAsterisk
              currency={preferences.baseCurrency}
              value={form.getValues().unitPrice}
              onChange={(v) => form.setFieldValue('unitPrice', v)}
              error={form.errors.unitPrice as string | undefined}
            />
            <TextInput label="Unit" placeholder="hour, day, piece…" {...form.getInputProps('unit')} />
            <TextInput label="SKU" {...form.getInputProps('sku')} />
          </SimpleGrid>
          <MultiSelect
            label="Default taxes"
            placeholder={form.getValues().taxIds.length ? undefined : 'No tax'}
            data={taxes.map((t) => ({ value: String(t.id), label: t.name }))}
            {...form.getInputProps('taxIds')}
          />
          <Group justify="space-between" mt="sm">
            {item ? (
              <Button
                variant="subtle"
                color="gray"
                onClick={() =>
                  archive.mutate(
                    { id: item.id, archived: !item.archived },
                    { onSuccess: onClose, onError: notifyError },
                  )
                }
              >
                {item.archived ? 'Restore item' : 'Archive item'}
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending || update.isPending}>
                Save item
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
