import { useTranslation } from 'react-i18next';
import { Button, Card, Group, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { ExpenseCategory } from '../../../../shared/api/payables';
import { useApi, useApiMutation } from '../../api/hooks';
import { PAYABLES } from './parts/format';

/** The editable list of expense categories. A used category can be archived, never deleted. */
export function CategoriesPage() {
  const { t } = useTranslation();
  const list = useApi('expenseCategories.list', {});
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const create = useApiMutation('expenseCategories.create', {
    invalidates: PAYABLES,
    success: (c) => t('bills.categories.added', { name: c.name }),
  });
  return (
    <Stack gap="md" maw={720}>
      <Card withBorder padding="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setError(undefined);
            create.mutate(
              { name },
              { onSuccess: () => setName(''), onError: (err) => setError(err.fields.name ?? err.message) },
            );
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('bills.categories.new')}
              placeholder={t('bills.categories.placeholder')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={create.isPending}>
              {t('bills.categories.add')}
            </Button>
          </Group>
        </form>
      </Card>
      <Title order={2} size="h4">
        {t('bills.categories.title')}
      </Title>
      <Table aria-label={t('bills.categories.title')} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common.name')}</Table.Th>
            <Table.Th className="num">{t('bills.categories.lines')}</Table.Th>
            <Table.Th>{t('bills.categories.inUse')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((c) => (
            <CategoryRow key={c.id} category={c} />
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('bills.categories.hint')}
      </Text>
    </Stack>
  );
}

/**
 * One category, renamed in place. The row names the version its name was taken from when it
 * saves (edit versions: a save over someone else's newer one is refused with who and when). A
 * row nobody is typing in follows the list, another person's rename included; a row with typed
 * text keeps it, and the version it started from, until it is saved.
 */
function CategoryRow({ category }: { category: ExpenseCategory }) {
  const { t } = useTranslation();
  const [name, setName] = useState(category.name);
  const [loaded, setLoaded] = useState({ name: category.name, version: category.version });
  if (category.version !== loaded.version && name === loaded.name) {
    setLoaded({ name: category.name, version: category.version });
    setName(category.name);
  }
  const [error, setError] = useState<string | undefined>();
  const update = useApiMutation('expenseCategories.update', { invalidates: PAYABLES });
  const save = (archived = category.archived) =>
    update.mutate(
      { id: category.id, name, archived, version: loaded.version },
      {
        onSuccess: (saved) => {
          setLoaded({ name: saved.name, version: saved.version });
          setName((typed) => (typed === name ? saved.name : typed));
          setError(undefined);
        },
        onError: (e) => setError(e.fields.name ?? e.message),
      },
    );
  return (
    <Table.Tr c={category.archived ? 'dimmed' : undefined}>
      <Table.Td>
        <TextInput
          aria-label={t('bills.categories.nameOf', { name: category.name })}
          variant="unstyled"
          value={name}
          error={error}
          onChange={(e) => setName(e.currentTarget.value)}
          onBlur={() => name !== category.name && save()}
          onKeyDown={(e) => e.key === 'Enter' && name !== category.name && save()}
        />
      </Table.Td>
      <Table.Td className="num">{category.usage}</Table.Td>
      <Table.Td>
        <Switch
          aria-label={t('bills.categories.inUseOf', { name: category.name })}
          checked={!category.archived}
          onChange={(e) => save(!e.currentTarget.checked)}
        />
      </Table.Td>
    </Table.Tr>
  );
}
