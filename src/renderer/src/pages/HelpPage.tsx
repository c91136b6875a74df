import { Kbd, Stack, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Keys (catalogue keys where the keys have words) and what they do. */
const SHORTCUTS: [string, string][] = [
  ['help.keys.palette', 'help.shortcuts.palette'],
  ['N', 'help.shortcuts.new'],
  ['/', 'help.shortcuts.search'],
  ['help.keys.moveOpen', 'help.shortcuts.moveOpen'],
  ['help.keys.escape', 'help.shortcuts.close'],
  ['help.keys.settings', 'help.shortcuts.settings'],
  ['?', 'help.shortcuts.thisPage'],
];

export function HelpPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t('help.title')}
      </Title>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('help.keys.header')}</Table.Th>
            <Table.Th>{t('help.whatItDoes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <Table.Tr key={keys}>
              <Table.Td>
                <Kbd>{keys.startsWith('help.') ? t(keys) : keys}</Kbd>
              </Table.Td>
              <Table.Td>{t(what)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
