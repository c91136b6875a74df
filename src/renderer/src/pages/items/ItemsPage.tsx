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
import { useTranslation } from 'react-i18next';
import type { Item } from '../../../../shared/api/catalog';
import { useApi, useApiMutation, notifyError } from '../../api/hooks';
import { useSettings } from '../../app/useSettings';
import { Money } from '../../components/Money';
import { MoneyInput } from '../../components/MoneyInput';
import { showApiError, useEditVersion } from '../../lib/forms';
import { useListShortcuts } from '../../lib/useListShortcuts';

/** Products and services with their price, unit and default taxes. */
export function ItemsPage() {
  const { t } = useTranslation();
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
  const taxNames = (ids: number[]) => ids.map((id) => taxes.find((x) => x.id === id)?.name ?? '').join(', ');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('items.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('items.new')}
        </Button>
      </Group>
      <Group>
        <TextInput
          ref={searchRef}
          aria-label={t('items.search')}
          placeholder={t('items.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={360}
        />
        <Checkbox
          label={t('items.showArchived')}
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
        />
      </Group>
      {rows.length === 0 && !items.isPending ? (
        <Paper withBorder p="xl" ta="center">
          <Stack align="center" gap="xs">
            <Text>{debounced ? t('items.noMatch', { search: debounced }) : t('items.empty')}</Text>
            {!debounced && <Button onClick={() => setEditing('new')}>{t('items.addFirst')}</Button>}
          </Stack>
        </Paper>
      ) : (
        <Table withTableBorder highlightOnHover aria-label={t('items.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('common.name')}</Table.Th>
              <Table.Th>{t('items.sku')}</Table.Th>
              <Table.Th>{t('items.unit')}</Table.Th>
              <Table.Th>{t('items.taxes')}</Table.Th>
              <Table.Th className="num">{t('items.price')}</Table.Th>
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
                    {item.archived ? ` ${t('items.archivedSuffix')}` : ''}
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
  const { t } = useTranslation();
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
  const create = useApiMutation('items.create', { success: t('items.saved') });
  const update = useApiMutation('items.update', { success: t('items.saved') });
  const [loadedVersion] = useEditVersion(item);
  const archive = useApiMutation('items.setArchived', {
    success: item?.archived ? t('items.restored') : t('items.archived'),
  });
  const submit = form.onSubmit(async (v) => {
    if (v.unitPrice === null) return form.setFieldError('unitPrice', t('items.priceRequired'));
    const input = { ...v, unitPrice: v.unitPrice, taxIds: v.taxIds.map(Number) };
    try {
      if (item) await update.mutateAsync({ ...input, id: item.id, version: loadedVersion });
      else await create.mutateAsync(input);
      onClose();
    } catch (error) {
      showApiError(form, error);
    }
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={item ? t('items.editNamed', { name: item.name }) : t('items.new')}
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack gap="xs">
          <TextInput label={t('items.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
          <Textarea
            label={t('common.description')}
            description={t('items.descriptionHint')}
            autosize
            minRows={2}
            {...form.getInputProps('description')}
          />
          <SimpleGrid cols={3} spacing="xs">
            <MoneyInput
              label={t('items.priceIn', { currency: preferences.baseCurrency })}
              withAsterisk
              currency={preferences.baseCurrency}
              value={form.getValues().unitPrice}
              onChange={(v) => form.setFieldValue('unitPrice', v)}
              error={form.errors.unitPrice as string | undefined}
            />
            <TextInput
              label={t('items.unit')}
              placeholder={t('items.unitPlaceholder')}
              {...form.getInputProps('unit')}
            />
            <TextInput label={t('items.sku')} {...form.getInputProps('sku')} />
          </SimpleGrid>
          <MultiSelect
            label={t('items.defaultTaxes')}
            placeholder={form.getValues().taxIds.length ? undefined : t('items.noTax')}
            data={taxes.map((x) => ({ value: String(x.id), label: x.name }))}
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
                {item.archived ? t('items.restore') : t('items.archive')}
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending || update.isPending}>
                {t('items.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
