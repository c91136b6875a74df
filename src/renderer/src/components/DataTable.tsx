import { Box, Center, Loader, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { useElementSize } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  key: string;
  header: string;
  width?: number | string;
  align?: 'left' | 'right';
  /** Sortable when set: the API's sort key for this column. */
  sortKey?: string;
  /** Left out when the list is narrower than this many pixels (a secondary column). */
  hideBelow?: number;
  render(row: T): ReactNode;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

const PAGE = 100;
const ROW_HEIGHT = 37;

/**
 * Rows fetched a page at a time as they scroll into view, so a list of 100k invoices costs
 * what the visible rows cost. The query key starts with the domain so saving anything in it
 * refreshes the visible pages.
 */
function usePages<T>(
  queryKey: unknown[],
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  pages: number[],
) {
  const results = useQueries({
    queries: pages.map((p) => ({
      queryKey: [...queryKey, 'page', p],
      queryFn: () => fetchPage(p * PAGE, PAGE),
      placeholderData: (previous: Page<T> | undefined) => previous,
    })),
  });
  const byPage = new Map<number, Page<T>>();
  pages.forEach((p, i) => {
    const data = results[i]?.data;
    if (data) byPage.set(p, data);
  });
  return byPage;
}

/**
 * The list used everywhere: virtualized rows, sortable headers, a totals footer, and the
 * same keys on every list: ↑/↓ (and Page Up/Down, Home/End) to move, Enter to open.
 */
export function DataTable<T>({
  label,
  queryKey,
  fetchPage,
  columns: allColumns,
  rowKey,
  onOpen,
  sort,
  onSort,
  footer,
  empty,
  height = 'calc(100vh - 300px)',
}: {
  label: string;
  queryKey: unknown[];
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>;
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  onOpen: (row: T) => void;
  sort?: { key: string; direction: 'asc' | 'desc' };
  onSort?: (key: string) => void;
  footer?: ReactNode;
  empty: ReactNode;
  height?: number | string;
}) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Secondary columns give way on a narrow window so the others keep the width they need.
  const { ref: sizeRef, width } = useElementSize();
  const columns = allColumns.filter((c) => !c.hideBelow || width === 0 || width >= c.hideBelow);
  const tableId = useId();
  const [active, setActive] = useState(0);
  const [visiblePages, setVisiblePages] = useState<number[]>([0]);
  const byPage = usePages(queryKey, fetchPage, visiblePages);
  const total = byPage.get(0)?.total ?? [...byPage.values()][0]?.total ?? 0;
  const loading = byPage.size === 0;

  // The virtualizer's functions are read fresh on every render, which is what this table does.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    const pages: number[] = [];
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) pages.push(p);
    if (pages.length === 0) pages.push(0);
    setVisiblePages((prev) => (prev.join() === pages.join() ? prev : pages));
  }, [first, last]);

  const rowAt = (i: number): T | undefined => byPage.get(Math.floor(i / PAGE))?.rows[i % PAGE];
  const activeIndex = Math.min(active, Math.max(total - 1, 0));

  const move = (to: number) => {
    const next = Math.max(0, Math.min(total - 1, to));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + pageRows),
      PageUp: () => move(activeIndex - pageRows),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => {
        const row = rowAt(activeIndex);
        if (row) onOpen(row);
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  if (loading)
    return (
      <Center h={200}>
        <Loader aria-label={t('components.table.loadingList', { list: label })} />
      </Center>
    );
  if (total === 0) return <Box py="xl">{empty}</Box>;

  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <Box ref={sizeRef}>
      <Box
        ref={scrollRef}
        style={{
          height,
          overflow: 'auto',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 4,
        }}
      >
        <Table
          aria-label={label}
          aria-rowcount={total + 1}
          role="grid"
          tabIndex={0}
          id={tableId}
          aria-activedescendant={`${tableId}-row-${activeIndex}`}
          onKeyDown={onKeyDown}
          stickyHeader
          style={{ tableLayout: 'fixed' }}
        >
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th
                  key={c.key}
                  w={c.width}
                  className={c.align === 'right' ? 'num' : undefined}
                  aria-sort={
                    sort && c.sortKey === sort.key
                      ? sort.direction === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : undefined
                  }
                >
                  {c.sortKey && onSort ? (
                    <UnstyledButton
                      onClick={() => onSort(c.sortKey!)}
                      fw={600}
                      fz="sm"
                      style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
                    >
                      {c.header}
                      {sort?.key === c.sortKey ? (
                        sort.direction === 'asc' ? (
                          <IconChevronUp size={14} aria-hidden />
                        ) : (
                          <IconChevronDown size={14} aria-hidden />
                        )
                      ) : (
                        <IconSelector size={14} aria-hidden opacity={0.4} />
                      )}
                    </UnstyledButton>
                  ) : (
                    c.header
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {padTop > 0 && (
              <tr aria-hidden style={{ height: padTop }}>
                <td colSpan={columns.length} />
              </tr>
            )}
            {items.map((v) => {
              const row = rowAt(v.index);
              const isActive = v.index === activeIndex;
              return (
                <Table.Tr
                  key={row ? rowKey(row) : `loading-${v.index}`}
                  id={`${tableId}-row-${v.index}`}
                  aria-rowindex={v.index + 2}
                  aria-selected={isActive}
                  onClick={() => {
                    setActive(v.index);
                    if (row) onOpen(row);
                  }}
                  style={{
                    height: ROW_HEIGHT,
                    cursor: 'pointer',
                    background: isActive ? 'var(--mantine-color-indigo-light)' : undefined,
                  }}
                >
                  {row ? (
                    columns.map((c) => (
                      <Table.Td
                        key={c.key}
                        className={c.align === 'right' ? 'num' : undefined}
                        style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                      >
                        {c.render(row)}
                      </Table.Td>
                    ))
                  ) : (
                    <Table.Td colSpan={columns.length}>
                      <Text size="sm" c="dimmed">
                        {t('components.table.loadingRow')}
                      </Text>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden style={{ height: padBottom }}>
                <td colSpan={columns.length} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
      </Box>
      {footer}
    </Box>
  );
}
