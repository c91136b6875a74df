import { Button, Card, Group, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { ExpenseCategory } from '../../../../shared/api/payables';
import { useApi, useApiMutation } from '../../api/hooks';
import { PAYABLES } from './parts/format';

/** The editable list of expense categories. A used category can be archived, never deleted. */
export function CategoriesPage() {
  const list = useApi('expenseCategories.list', {});
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const create = useApiMutation('expenseCategories.create', {
    invalidates: PAYABLES,
    success: (c) => `Category “${c.name}” added.`,
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
              label="New category"
              placeholder="Cleaning"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
              style={{ flex: 1 }}
            />
            <Button type="submit" loading={create.isPending}>
              Add category
            </Button>
          </Group>
        </form>
      </Card>
      <Title order={2} size="h4">
        Expense categories
      </Title>
      <Table aria-label="Expense categories" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th className="num">Bill lines</Table.Th>
            <Table.Th>In use</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((c) => (
            <CategoryRow key={c.id} category={c} />
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        Archived categories stay on past bills but are not offered for new ones.
      </Text>
    </Stack>
  );
}

function CategoryRow({ category }: { category: ExpenseCategory }) {
  const [name, setName] = useState(category.name);
  const [error, setError] = useState<string | undefined>();
  const update = useApiMutation('expenseCategories.update', { invalidates: PAYABLES });
  const save = (archived = category.archived) =>
    update.mutate(
      { id: category.id, name, archived },
      { onSuccess: () => setError(undefined), onError: (e) => setError(e.fields.name ?? e.message) },
    );
  return (
    <Table.Tr c={category.archived ? 'dimmed' : undefined}>
      <Table.Td>
        <TextInput
          aria-label={`Name of ${category.name}`}
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
          aria-label={`${category.name} in use`}
          checked={!category.archived}
          onChange={(e) => save(!e.currentTarget.checked)}
        />
      </Table.Td>
    </Table.Tr>
  );
}
