import { Kbd, Stack, Table, Title } from '@mantine/core';

const SHORTCUTS: [string, string][] = [
  ['Ctrl/⌘ K', 'Search and run any command'],
  ['N', 'New record on a list page (invoice, customer, bill…)'],
  ['/', 'Focus the search box of a list'],
  ['↑ ↓ then Enter', 'Move through a list and open a row'],
  ['Esc', 'Close a dialog or the command palette'],
  ['Ctrl/⌘ ,', 'Settings'],
  ['?', 'This page'],
];

export function HelpPage() {
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        Keyboard shortcuts
      </Title>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Keys</Table.Th>
            <Table.Th>What it does</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <Table.Tr key={keys}>
              <Table.Td>
                <Kbd>{keys}</Kbd>
              </Table.Td>
              <Table.Td>{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
