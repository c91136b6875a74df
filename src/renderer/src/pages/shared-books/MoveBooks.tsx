import { Alert, Button, Card, Group, List, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoveStatus } from '../../../../shared/api/shared-books';
import { ApiError, call } from '../../api/client';
import { notifyError, useApi, useApiMutation } from '../../api/hooks';
import { useFormat } from '../../lib/format';
import { ConnectForm, type ConnectInput } from './ConnectForm';

/** The query key of useApi('sharedBooks.moveStatus', {}). */
const STATUS_KEY = ['sharedBooks', 'sharedBooks.moveStatus', {}];

const PHASE = {
  preparing: 'sharedBooks.move.phase.preparing',
  copying: 'sharedBooks.move.phase.copying',
  checking: 'sharedBooks.move.phase.checking',
  finished: 'sharedBooks.move.phase.checking',
} as const;

/**
 * Settings → Shared books → "Move my books to a server": the connection, what happens (an
 * empty database; the local book stays as it was; the shared books open at the next start),
 * a confirm, progress while it runs (polled), and every table's rows and money checksum on
 * both sides at the end.
 */
export function MoveBooksCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const start = useApiMutation('sharedBooks.move', { invalidates: [] });
  const status = useApi(
    'sharedBooks.moveStatus',
    {},
    { refetchInterval: (q) => (q.state.data?.state === 'running' ? 500 : false) },
  );
  const move = status.data ?? null;
  const state = move?.state ?? null;
  const [asked, setAsked] = useState(false);
  /** Why the move could not start (a wrong password, a database that is not empty). */
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    // A finished move saved the connection: the status card says to restart.
    if (state === 'done') void client.invalidateQueries({ queryKey: ['sharedBooks', 'sharedBooks.status'] });
  }, [state, client]);

  const confirmAndStart = (input: ConnectInput) =>
    new Promise<boolean>((resolve, reject) =>
      modals.openConfirmModal({
        title: t('sharedBooks.move.confirmTitle'),
        children: (
          <Text size="sm">
            {t('sharedBooks.move.confirmText', { database: input.database, host: input.host })}
          </Text>
        ),
        labels: { confirm: t('sharedBooks.move.confirm'), cancel: t('common.cancel') },
        onCancel: () => resolve(false),
        onConfirm: () => {
          setRefused(null);
          void start.mutateAsync(input).then(
            (value) => {
              client.setQueryData(STATUS_KEY, value);
              resolve(true);
            },
            (error: unknown) => {
              // A field's mistake goes to the field; anything else is said in this card.
              if (error instanceof ApiError && Object.keys(error.fields).length) reject(error);
              else {
                setRefused(error instanceof Error ? error.message : String(error));
                resolve(false);
              }
            },
          );
        },
      }),
    );

  return (
    // A section without a label of its own: "…to a server" would also answer to "Server".
    // Wider than the other cards: the checks table has six columns of large numbers.
    <Card withBorder component="section" maw={980}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('sharedBooks.move.title')}
        </Title>
        <Text size="sm">{t('sharedBooks.move.intro')}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('sharedBooks.move.ruleEmpty')}</List.Item>
          <List.Item>{t('sharedBooks.move.ruleLocal')}</List.Item>
          <List.Item>{t('sharedBooks.move.ruleRestart')}</List.Item>
        </List>
        {move?.state === 'running' && <Running move={move} />}
        {move?.state === 'done' && <Done move={move} />}
        {move?.state === 'failed' && !refused && <Failed move={move} />}
        {refused && (
          <Alert color="red" title={t('sharedBooks.move.notStarted')}>
            {refused}
          </Alert>
        )}
        {!move && !asked && (
          <Group>
            <Button variant="default" onClick={() => setAsked(true)}>
              {t('sharedBooks.move.open')}
            </Button>
          </Group>
        )}
        {(asked || move?.state === 'failed') && move?.state !== 'running' && move?.state !== 'done' && (
          <ConnectForm
            initial={move?.server}
            submitLabel={t('sharedBooks.move.start')}
            busy={start.isPending}
            onSubmit={confirmAndStart}
          />
        )}
      </Stack>
    </Card>
  );
}

function Running({ move }: { move: MoveStatus }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const f = useFormat();
  const share = move.rowsTotal ? Math.min(100, (move.rows / move.rowsTotal) * 100) : 0;
  const stop = () =>
    call('sharedBooks.moveCancel', {}).then((value) => client.setQueryData(STATUS_KEY, value), notifyError);
  return (
    <Alert color="blue" title={t('sharedBooks.move.running', { database: move.server.database })}>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <Loader size="xs" aria-hidden />
          <Text size="sm" role="status">
            {t(PHASE[move.phase], {
              table: move.table,
              done: Math.min(move.tablesDone + 1, move.tablesTotal),
              total: move.tablesTotal,
            })}
          </Text>
        </Group>
        <Progress
          value={move.phase === 'checking' ? 100 : share}
          animated
          aria-label={t('sharedBooks.move.progress')}
        />
        <Text size="sm">
          {t('sharedBooks.move.rowsCopied', {
            rows: f.number(move.rows),
            total: f.number(move.rowsTotal),
            tables: f.number(move.tablesDone),
            tablesTotal: f.number(move.tablesTotal),
          })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('sharedBooks.move.keepOpen')}
        </Text>
        {move.phase !== 'checking' && (
          <Group>
            <Button variant="default" size="xs" onClick={() => void stop()}>
              {t('sharedBooks.move.stop')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function Done({ move }: { move: MoveStatus }) {
  const { t } = useTranslation();
  const f = useFormat();
  // The desktop app can restart itself; browser mode's server is started by whoever runs it.
  const desktop = useApi('system.info', {}).data?.mode === 'desktop';
  const restart = useApiMutation('sharedBooks.restart', { invalidates: [] });
  return (
    <Stack gap="sm">
      <Alert color="green" title={t('sharedBooks.move.doneTitle')}>
        <Stack gap={4}>
          <Text size="sm">
            {t('sharedBooks.move.doneText', {
              rows: f.number(move.rows),
              database: move.server.database,
              host: move.server.host,
              seconds: f.number(move.seconds),
            })}
          </Text>
          <Text size="sm" fw={600}>
            {t('sharedBooks.move.restart')}
          </Text>
          {desktop && (
            <Group mt={4}>
              <Button
                loading={restart.isPending || restart.data?.restarting}
                onClick={() => void restart.mutateAsync({}).catch(notifyError)}
              >
                {t('sharedBooks.move.restartNow')}
              </Button>
            </Group>
          )}
        </Stack>
      </Alert>
      <ChecksTable tables={move.tables} />
    </Stack>
  );
}

function Failed({ move }: { move: MoveStatus }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Alert color="red" title={t('sharedBooks.move.failedTitle')}>
        <Stack gap={4}>
          <Text size="sm">{move.error}</Text>
          <Text size="sm">{t('sharedBooks.move.failedText')}</Text>
        </Stack>
      </Alert>
      {move.tables.length > 0 && <ChecksTable tables={move.tables} />}
    </Stack>
  );
}

function ChecksTable({ tables }: { tables: MoveStatus['tables'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const different = tables.filter((x) => !x.ok).length;
  // What to look at first: tables that differ, then those holding rows; each alphabetical.
  const rank = (x: MoveStatus['tables'][number]) => (!x.ok ? 0 : x.rowsLocal || x.rowsServer ? 1 : 2);
  const sorted = [...tables].sort((a, b) => rank(a) - rank(b) || a.table.localeCompare(b.table));
  const sum = (s: string) => f.number(Number(s));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600} c={different ? 'red.8' : 'green.8'}>
        {different
          ? t('sharedBooks.move.verdictDifferent', { count: different })
          : t('sharedBooks.move.verdictEqual', { count: tables.length })}
      </Text>
      <Table.ScrollContainer minWidth={560} mah={420}>
        <Table
          striped
          withTableBorder
          fz="sm"
          horizontalSpacing="sm"
          stickyHeader
          aria-label={t('sharedBooks.move.checksLabel')}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2} scope="col">
                {t('sharedBooks.move.col.table')}
              </Table.Th>
              <Table.Th colSpan={2} scope="colgroup" ta="center">
                {t('sharedBooks.move.col.rows')}
              </Table.Th>
              <Table.Th colSpan={2} scope="colgroup" ta="center">
                {t('sharedBooks.move.col.money')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('sharedBooks.move.col.check')}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="col" ta="right">
                {t('sharedBooks.move.col.here')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('sharedBooks.move.col.there')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('sharedBooks.move.col.here')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('sharedBooks.move.col.there')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((x) => (
              <Table.Tr key={x.table}>
                <Table.Td>{x.table}</Table.Td>
                <Table.Td className="num">{f.number(x.rowsLocal)}</Table.Td>
                <Table.Td className="num">{f.number(x.rowsServer)}</Table.Td>
                <Table.Td className="num">{sum(x.moneyLocal)}</Table.Td>
                <Table.Td className="num">{sum(x.moneyServer)}</Table.Td>
                <Table.Td>
                  <Text span size="sm" fw={600} c={x.ok ? 'green.8' : 'red.8'}>
                    {x.ok ? t('sharedBooks.move.equal') : t('sharedBooks.move.different')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">
        {t('sharedBooks.move.checksumHint')}
      </Text>
    </Stack>
  );
}
