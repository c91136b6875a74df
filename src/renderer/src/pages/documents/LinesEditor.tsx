import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  Select,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  IconArrowDown,
  IconArrowUp,
  IconGripVertical,
  IconHeading,
  IconNote,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { Tax } from '../../../../shared/api/catalog';
import type { DocumentTotals } from '../../../../shared/domain/totals';
import { MoneyInput } from '../../components/MoneyInput';
import { useMoneyFormat } from '../../components/Money';
import { emptyLine, type DocumentForm } from './editor-form';
import { LineDescription } from './LineDescription';

/**
 * The lines of a document. Tab walks a line left to right and, from the last field of the
 * last line, adds a new line. Alt+↑/↓ moves the line the focus is in; the grip drags it.
 */
export function LinesEditor({
  form,
  taxes,
  totals,
  defaultTaxIds,
}: {
  form: UseFormReturnType<DocumentForm>;
  taxes: Tax[];
  totals: DocumentTotals;
  defaultTaxIds: string[];
}) {
  const values = form.getValues();
  const lines = values.lines;
  const fmt = useMoneyFormat();
  const tableRef = useRef<HTMLTableElement>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const taxOptions = taxes.filter((t) => !t.archived).map((t) => ({ value: String(t.id), label: t.name }));

  const focusLine = (index: number) =>
    requestAnimationFrame(() =>
      tableRef.current?.querySelector<HTMLElement>(`[data-line="${index}"] textarea`)?.focus(),
    );
  const add = (kind: 'item' | 'heading' | 'note') => {
    form.insertListItem('lines', emptyLine(kind, kind === 'item' ? defaultTaxIds : []));
    focusLine(lines.length);
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= lines.length || from === to) return;
    form.reorderListItem('lines', { from, to });
  };
  const onLineKeyDown = (index: number) => (e: KeyboardEvent) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      const to = index + (e.key === 'ArrowUp' ? -1 : 1);
      move(index, to);
      requestAnimationFrame(() =>
        tableRef.current
          ?.querySelector<HTMLElement>(
            `[data-line="${Math.max(0, Math.min(lines.length - 1, to))}"] textarea`,
          )
          ?.focus(),
      );
    }
  };
  const tabFromLast = (index: number) => (e: KeyboardEvent) => {
    if (e.key === 'Tab' && !e.shiftKey && index === lines.length - 1) {
      e.preventDefault();
      add('item');
    }
  };

  return (
    <div>
      <Table
        ref={tableRef}
        aria-label="Lines"
        verticalSpacing={4}
        highlightOnHover={false}
        style={{ tableLayout: 'fixed' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={26}>
              <span className="visually-hidden">Move</span>
            </Table.Th>
            <Table.Th>Description</Table.Th>
            <Table.Th w={76}>Qty</Table.Th>
            <Table.Th w={84}>Unit</Table.Th>
            <Table.Th w={116} className="num">
              Price
            </Table.Th>
            <Table.Th w={150}>Discount</Table.Th>
            <Table.Th w={180}>Taxes</Table.Th>
            <Table.Th w={112} className="num">
              Amount
            </Table.Th>
            <Table.Th w={86}>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, i) => {
            const n = i + 1;
            const err = (f: string) => form.errors[`lines.${i}.${f}`] as string | undefined;
            const common = {
              'data-line': i,
              onKeyDown: onLineKeyDown(i),
              draggable: false,
              onDragOver: (e: React.DragEvent) => e.preventDefault(),
              onDrop: () => {
                if (dragging !== null) move(dragging, i);
                setDragging(null);
              },
              style: { opacity: dragging === i ? 0.4 : 1, verticalAlign: 'top' as const },
            };
            const grip = (
              <Table.Td>
                <span
                  draggable
                  onDragStart={() => setDragging(i)}
                  onDragEnd={() => setDragging(null)}
                  title="Drag to reorder (or Alt+↑/↓)"
                  style={{ cursor: 'grab', display: 'inline-flex', paddingTop: 8 }}
                  aria-hidden
                >
                  <IconGripVertical size={16} opacity={0.5} />
                </span>
              </Table.Td>
            );
            const actions = (
              <Table.Td>
                <Group gap={0} wrap="nowrap">
                  <Tooltip label="Move up (Alt+↑)">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={`Move line ${n} up`}
                      onClick={() => move(i, i - 1)}
                      disabled={i === 0}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Move down (Alt+↓)">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="sm"
                      aria-label={`Move line ${n} down`}
                      onClick={() => move(i, i + 1)}
                      disabled={i === lines.length - 1}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </Tooltip>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={`Remove line ${n}`}
                    onClick={() => form.removeListItem('lines', i)}
                    disabled={lines.length === 1}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
              </Table.Td>
            );
            if (line.kind !== 'item') {
              return (
                <Table.Tr key={line.key} {...common}>
                  {grip}
                  <Table.Td colSpan={6}>
                    <TextInput
                      aria-label={`Line ${n} ${line.kind === 'heading' ? 'heading' : 'note'}`}
                      placeholder={
                        line.kind === 'heading'
                          ? 'Heading, e.g. Phase 1: Design'
                          : 'A note shown between lines'
                      }
                      fw={line.kind === 'heading' ? 600 : undefined}
                      fs={line.kind === 'note' ? 'italic' : undefined}
                      {...form.getInputProps(`lines.${i}.description`)}
                      onKeyDown={tabFromLast(i)}
                    />
                  </Table.Td>
                  <Table.Td />
                  {actions}
                </Table.Tr>
              );
            }
            return (
              <Table.Tr key={line.key} {...common}>
                {grip}
                <Table.Td>
                  <LineDescription
                    label={`Line ${n} description`}
                    value={line.description}
                    error={err('description')}
                    currency={values.currency}
                    onChange={(v) => form.setFieldValue(`lines.${i}.description`, v)}
                    onPick={(item) => {
                      form.setFieldValue(`lines.${i}`, {
                        ...line,
                        itemId: item.id,
                        description: item.description ? `${item.name}\n${item.description}` : item.name,
                        unit: item.unit,
                        unitPrice: item.unitPrice,
                        taxIds: item.taxIds.length ? item.taxIds.map(String) : line.taxIds,
                      });
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Line ${n} quantity`}
                    classNames={{ input: 'num' }}
                    inputMode="decimal"
                    {...form.getInputProps(`lines.${i}.quantity`)}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Line ${n} unit`}
                    placeholder="hour"
                    {...form.getInputProps(`lines.${i}.unit`)}
                  />
                </Table.Td>
                <Table.Td>
                  <MoneyInput
                    aria-label={`Line ${n} unit price`}
                    currency={values.currency}
                    value={line.unitPrice}
                    onChange={(v) => form.setFieldValue(`lines.${i}.unitPrice`, v)}
                    error={err('unitPrice')}
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" align="flex-start">
                    <Select
                      aria-label={`Line ${n} discount type`}
                      data={[
                        { value: 'none', label: '—' },
                        { value: 'percent', label: '%' },
                        { value: 'amount', label: values.currency },
                      ]}
                      allowDeselect={false}
                      w={72}
                      rightSectionWidth={20}
                      styles={{ input: { paddingInline: 8 } }}
                      value={line.discountKind}
                      onChange={(v) => form.setFieldValue(`lines.${i}.discountKind`, (v ?? 'none') as 'none')}
                      comboboxProps={{ withinPortal: true }}
                    />
                    {line.discountKind === 'percent' && (
                      <TextInput
                        aria-label={`Line ${n} discount percent`}
                        classNames={{ input: 'num' }}
                        {...form.getInputProps(`lines.${i}.discountPercent`)}
                      />
                    )}
                    {line.discountKind === 'amount' && (
                      <MoneyInput
                        aria-label={`Line ${n} discount amount`}
                        currency={values.currency}
                        value={line.discountAmount}
                        onChange={(v) => form.setFieldValue(`lines.${i}.discountAmount`, v)}
                        error={err('discountPercent')}
                      />
                    )}
                  </Group>
                  {line.discountKind === 'none' && err('discountPercent') && (
                    <Text size="xs" c="red">
                      {err('discountPercent')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <MultiSelect
                    aria-label={`Line ${n} taxes`}
                    data={taxOptions}
                    value={line.taxIds}
                    onChange={(v) => form.setFieldValue(`lines.${i}.taxIds`, v)}
                    placeholder={line.taxIds.length ? undefined : 'No tax'}
                    error={err('taxIds')}
                    onKeyDown={tabFromLast(i)}
                    comboboxProps={{ withinPortal: true }}
                  />
                </Table.Td>
                <Table.Td className="num" pt={10}>
                  <Text size="sm" className="num" aria-label={`Line ${n} amount`}>
                    {fmt(
                      (totals.lines[i]?.amount ?? 0) - (totals.lines[i]?.lineDiscount ?? 0),
                      values.currency,
                    )}
                  </Text>
                </Table.Td>
                {actions}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {typeof form.errors.lines === 'string' && (
        <Text c="red" size="sm" mt={4} role="alert">
          {form.errors.lines}
        </Text>
      )}
      <Group gap="xs" mt="xs">
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => add('item')}>
          Add line
        </Button>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconHeading size={14} />}
          onClick={() => add('heading')}
        >
          Add heading
        </Button>
        <Button variant="subtle" size="xs" leftSection={<IconNote size={14} />} onClick={() => add('note')}>
          Add note
        </Button>
      </Group>
    </div>
  );
}
