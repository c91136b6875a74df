import { ActionIcon, Button, Group, MultiSelect, Select, Text, TextInput, Tooltip } from '@mantine/core';
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
import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Item, Tax } from '../../../../shared/api/catalog';
import { MAX_DESCRIPTION } from '../../../../shared/api/documents';
import type { DocumentTotals } from '../../../../shared/domain/totals';
import { MoneyInput } from '../../components/MoneyInput';
import { useMoneyFormat } from '../../components/Money';
import { emptyLine, type DocumentForm, type LineForm } from './editor-form';
import { LineDescription, capPaste } from './LineDescription';

type Option = { value: string; label: string };

/** What a line can ask of the editor. One object for the editor's life, so rows stay memoised. */
interface LineActions {
  set<K extends keyof LineForm>(index: number, field: K, value: LineForm[K]): void;
  pick(index: number, item: Item): void;
  move(from: number, to: number, focus?: boolean): void;
  remove(index: number): void;
  add(kind: LineForm['kind']): void;
  dragStart(index: number | null): void;
  drop(index: number): void;
}

/** The messages of one line's fields, by field name. */
type LineErrors = Partial<
  Record<'description' | 'quantity' | 'unit' | 'unitPrice' | 'discountPercent' | 'taxIds', string>
>;
const ERROR_FIELDS = ['description', 'quantity', 'unit', 'unitPrice', 'discountPercent', 'taxIds'] as const;

/**
 * The lines of a document. Tab walks a line left to right and, from the last field of the
 * last line, adds a new line. Alt+↑/↓ moves the line the focus is in; the grip drags it.
 *
 * Each line is a memoised row: a keystroke re-renders the line it changed (and the figures
 * that follow from it), not the other 199. The grid puts the description first and gives it
 * the free width; below about 1100 px the secondary fields (quantity … taxes) take a second
 * row under it (CSS container query in styles.css, `.lines-grid`).
 */
export function LinesEditor({
  form,
  taxes,
  totals,
  defaultTaxIds,
  exempt = false,
}: {
  form: UseFormReturnType<DocumentForm>;
  taxes: Tax[];
  totals: DocumentTotals;
  defaultTaxIds: string[];
  /** The small-business exemption (§ 19 UStG) is on: a picked item brings no tax. */
  exempt?: boolean;
}) {
  const { t } = useTranslation();
  const values = form.getValues();
  const lines = values.lines;
  const rootRef = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const taxOptions = useMemo(
    () => taxes.filter((t) => !t.archived).map((t) => ({ value: String(t.id), label: t.name })),
    [taxes],
  );

  // The latest form and lines, read by the one stable actions object.
  const latest = useRef({ form, lines, defaultTaxIds, dragging, exempt });
  useLayoutEffect(() => {
    latest.current = { form, lines, defaultTaxIds, dragging, exempt };
  });
  const actions = useMemo<LineActions>(() => {
    const focusLine = (index: number) =>
      requestAnimationFrame(() =>
        rootRef.current
          ?.querySelector<HTMLElement>(`[data-line="${index}"] textarea, [data-line="${index}"] input`)
          ?.focus(),
      );
    const move = (from: number, to: number, focus = false) => {
      const { form: f, lines: ls } = latest.current;
      if (to < 0 || to >= ls.length || from === to) return;
      f.reorderListItem('lines', { from, to });
      if (focus) focusLine(to);
    };
    return {
      set: (index, field, value) =>
        latest.current.form.setFieldValue(`lines.${index}.${field}`, value as never),
      pick: (index, item) => {
        const { form: f, lines: ls, exempt: noTax } = latest.current;
        const line = ls[index];
        if (!line) return;
        f.setFieldValue(`lines.${index}`, {
          ...line,
          itemId: item.id,
          description: capPaste(item.description ? `${item.name}\n${item.description}` : item.name),
          unit: item.unit,
          unitPrice: item.unitPrice,
          taxIds: item.taxIds.length && !noTax ? item.taxIds.map(String) : line.taxIds,
        });
      },
      move,
      remove: (index) => latest.current.form.removeListItem('lines', index),
      add: (kind) => {
        const { form: f, lines: ls, defaultTaxIds: d } = latest.current;
        f.insertListItem('lines', emptyLine(kind, kind === 'item' ? d : []));
        focusLine(ls.length);
      },
      dragStart: (index) => setDragging(index),
      drop: (index) => {
        const from = latest.current.dragging;
        if (from !== null) move(from, index);
        setDragging(null);
      },
    };
  }, []);

  const errorsOf = (i: number): LineErrors => {
    const out: LineErrors = {};
    for (const f of ERROR_FIELDS) {
      const m = form.errors[`lines.${i}.${f}`];
      if (m) out[f] = String(m);
    }
    return out;
  };

  return (
    <div className="lines-container" ref={rootRef}>
      <div className="lines-grid" role="table" aria-label={t('documents.lines.label')}>
        <div role="rowgroup">
          <div className="line-row line-head" role="row">
            <div className="c-grip" role="columnheader">
              <span className="visually-hidden">{t('documents.lines.move')}</span>
            </div>
            <div className="c-desc" role="columnheader">
              {t('common.description')}
            </div>
            <div className="line-more">
              <div className="c-qty num" role="columnheader">
                {t('documents.lines.qty')}
              </div>
              <div className="c-unit" role="columnheader">
                {t('documents.lines.unit')}
              </div>
              <div className="c-price num" role="columnheader">
                {t('documents.lines.price')}
              </div>
              <div className="c-disc" role="columnheader">
                {t('documents.lines.discount')}
              </div>
              <div className="c-tax" role="columnheader">
                {t('documents.lines.taxes')}
              </div>
            </div>
            <div className="c-amount num" role="columnheader">
              {t('common.amount')}
            </div>
            <div className="c-actions" role="columnheader">
              <span className="visually-hidden">{t('common.actions')}</span>
            </div>
          </div>
        </div>
        <div role="rowgroup">
          {lines.map((line, i) => (
            <LineRow
              key={line.key}
              line={line}
              index={i}
              first={i === 0}
              last={i === lines.length - 1}
              only={lines.length === 1}
              amount={(totals.lines[i]?.amount ?? 0) - (totals.lines[i]?.lineDiscount ?? 0)}
              currency={values.currency}
              taxOptions={taxOptions}
              errors={errorsOf(i)}
              dragged={dragging === i}
              actions={actions}
            />
          ))}
        </div>
      </div>
      {typeof form.errors.lines === 'string' && (
        <Text c="red" size="sm" mt={4} role="alert">
          {form.errors.lines}
        </Text>
      )}
      <Group gap="xs" mt="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => actions.add('item')}
        >
          {t('documents.lines.addLine')}
        </Button>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconHeading size={14} />}
          onClick={() => actions.add('heading')}
        >
          {t('documents.lines.addHeading')}
        </Button>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconNote size={14} />}
          onClick={() => actions.add('note')}
        >
          {t('documents.lines.addNote')}
        </Button>
      </Group>
    </div>
  );
}

interface LineRowProps {
  line: LineForm;
  index: number;
  first: boolean;
  last: boolean;
  only: boolean;
  amount: number;
  currency: string;
  taxOptions: Option[];
  errors: LineErrors;
  dragged: boolean;
  actions: LineActions;
}

function sameLine(a: LineForm, b: LineForm): boolean {
  if (a === b) return true;
  for (const k of Object.keys(a) as (keyof LineForm)[]) {
    if (k === 'taxIds') {
      if (a.taxIds.length !== b.taxIds.length || a.taxIds.some((t, i) => t !== b.taxIds[i])) return false;
    } else if (a[k] !== b[k]) return false;
  }
  return true;
}

function sameErrors(a: LineErrors, b: LineErrors): boolean {
  return ERROR_FIELDS.every((f) => a[f] === b[f]);
}

/** Re-render a row only when something it shows changed (the form clones every line on a change). */
function sameRow(a: LineRowProps, b: LineRowProps): boolean {
  return (
    a.index === b.index &&
    a.first === b.first &&
    a.last === b.last &&
    a.only === b.only &&
    a.amount === b.amount &&
    a.currency === b.currency &&
    a.taxOptions === b.taxOptions &&
    a.dragged === b.dragged &&
    a.actions === b.actions &&
    sameErrors(a.errors, b.errors) &&
    sameLine(a.line, b.line)
  );
}

const LineRow = memo(function LineRow({
  line,
  index: i,
  first,
  last,
  only,
  amount,
  currency,
  taxOptions,
  errors,
  dragged,
  actions,
}: LineRowProps) {
  const fmt = useMoneyFormat();
  const { t } = useTranslation();
  const n = i + 1;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      actions.move(i, i + (e.key === 'ArrowUp' ? -1 : 1), true);
    }
  };
  const tabFromLast = (e: KeyboardEvent) => {
    if (e.key === 'Tab' && !e.shiftKey && last) {
      e.preventDefault();
      actions.add('item');
    }
  };
  const grip = (
    <div className="c-grip" role="cell">
      <span
        draggable
        onDragStart={() => actions.dragStart(i)}
        onDragEnd={() => actions.dragStart(null)}
        title={t('documents.lines.drag')}
        style={{ cursor: 'grab', display: 'inline-flex', paddingTop: 8 }}
        aria-hidden
      >
        <IconGripVertical size={16} opacity={0.5} />
      </span>
    </div>
  );
  const lineActions = (
    <div className="c-actions" role="cell">
      <Group gap={0} wrap="nowrap">
        <Tooltip label={t('documents.lines.moveUpHint')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={t('documents.lines.moveUp', { n })}
            onClick={() => actions.move(i, i - 1)}
            disabled={first}
          >
            <IconArrowUp size={14} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={t('documents.lines.moveDownHint')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={t('documents.lines.moveDown', { n })}
            onClick={() => actions.move(i, i + 1)}
            disabled={last}
          >
            <IconArrowDown size={14} />
          </ActionIcon>
        </Tooltip>
        <ActionIcon
          variant="subtle"
          color="red"
          size="sm"
          aria-label={t('documents.lines.remove', { n })}
          onClick={() => actions.remove(i)}
          disabled={only}
        >
          <IconTrash size={14} />
        </ActionIcon>
      </Group>
    </div>
  );
  const rowProps = {
    role: 'row',
    'data-line': i,
    onKeyDown,
    onDragOver: (e: React.DragEvent) => e.preventDefault(),
    onDrop: () => actions.drop(i),
    style: { opacity: dragged ? 0.4 : 1 },
  };

  if (line.kind !== 'item') {
    return (
      <div className={`line-row line-${line.kind}`} {...rowProps}>
        {grip}
        <div className="c-text" role="cell">
          <TextInput
            aria-label={
              line.kind === 'heading' ? t('documents.lines.heading', { n }) : t('documents.lines.note', { n })
            }
            placeholder={
              line.kind === 'heading'
                ? t('documents.lines.headingPlaceholder')
                : t('documents.lines.notePlaceholder')
            }
            fw={line.kind === 'heading' ? 600 : undefined}
            fs={line.kind === 'note' ? 'italic' : undefined}
            maxLength={MAX_DESCRIPTION}
            value={line.description}
            error={errors.description}
            onChange={(e) => actions.set(i, 'description', e.currentTarget.value)}
            onKeyDown={tabFromLast}
          />
        </div>
        {lineActions}
      </div>
    );
  }
  return (
    <div className="line-row" {...rowProps}>
      {grip}
      <div className="c-desc" role="cell">
        <LineDescription
          label={t('documents.lines.description', { n })}
          value={line.description}
          error={errors.description}
          currency={currency}
          onChange={(v) => actions.set(i, 'description', v)}
          onPick={(item) => actions.pick(i, item)}
        />
      </div>
      <div className="line-more">
        <div className="c-qty" role="cell">
          <TextInput
            aria-label={t('documents.lines.quantity', { n })}
            classNames={{ input: 'num' }}
            inputMode="decimal"
            value={line.quantity}
            error={errors.quantity}
            onChange={(e) => actions.set(i, 'quantity', e.currentTarget.value)}
          />
        </div>
        <div className="c-unit" role="cell">
          <TextInput
            aria-label={t('documents.lines.unitOf', { n })}
            placeholder={t('documents.lines.unitPlaceholder')}
            value={line.unit}
            error={errors.unit}
            onChange={(e) => actions.set(i, 'unit', e.currentTarget.value)}
          />
        </div>
        <div className="c-price" role="cell">
          <MoneyInput
            aria-label={t('documents.lines.unitPrice', { n })}
            currency={currency}
            value={line.unitPrice}
            onChange={(v) => actions.set(i, 'unitPrice', v)}
            error={errors.unitPrice}
          />
        </div>
        <div className="c-disc" role="cell">
          <Group gap={4} wrap="nowrap" align="flex-start">
            <Select
              aria-label={t('documents.lines.discountType', { n })}
              data={[
                { value: 'none', label: '—' },
                { value: 'percent', label: '%' },
                { value: 'amount', label: currency },
              ]}
              allowDeselect={false}
              w={line.discountKind === 'none' ? '100%' : 64}
              miw={64}
              rightSectionWidth={20}
              styles={{ input: { paddingInline: 8 } }}
              value={line.discountKind}
              onChange={(v) => actions.set(i, 'discountKind', (v ?? 'none') as LineForm['discountKind'])}
              comboboxProps={{ withinPortal: true }}
            />
            {line.discountKind === 'percent' && (
              <TextInput
                aria-label={t('documents.lines.discountPercent', { n })}
                classNames={{ input: 'num' }}
                style={{ flex: 1, minWidth: 0 }}
                value={line.discountPercent}
                error={errors.discountPercent}
                onChange={(e) => actions.set(i, 'discountPercent', e.currentTarget.value)}
              />
            )}
            {line.discountKind === 'amount' && (
              <MoneyInput
                aria-label={t('documents.lines.discountAmount', { n })}
                currency={currency}
                style={{ flex: 1, minWidth: 0 }}
                value={line.discountAmount}
                onChange={(v) => actions.set(i, 'discountAmount', v)}
                error={errors.discountPercent}
              />
            )}
          </Group>
          {line.discountKind === 'none' && errors.discountPercent && (
            <Text size="xs" c="red">
              {errors.discountPercent}
            </Text>
          )}
        </div>
        <div className="c-tax" role="cell">
          <MultiSelect
            aria-label={t('documents.lines.taxesOf', { n })}
            data={taxOptions}
            value={line.taxIds}
            onChange={(v) => actions.set(i, 'taxIds', v)}
            placeholder={line.taxIds.length ? undefined : t('documents.lines.noTax')}
            error={errors.taxIds}
            onKeyDown={tabFromLast}
            comboboxProps={{ withinPortal: true }}
          />
        </div>
      </div>
      <div className="c-amount" role="cell">
        <Text size="sm" className="num" aria-label={t('documents.lines.amount', { n })}>
          {fmt(amount, currency)}
        </Text>
      </div>
      {lineActions}
    </div>
  );
}, sameRow);
