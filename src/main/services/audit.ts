import type { AuditEntry } from '../../shared/api/system';
import type { ParsedInput } from '../../shared/api/contract';
import { qb } from '../db/store';
import { storeOf, type ServiceContext } from './context';
import { dialectOf } from '../db/dialect';

export interface AuditEvent {
  entity: string;
  entityId: string | number;
  action: string;
  /** The record before the change (omit for a create). */
  before?: Record<string, unknown> | null;
  /** The record after the change (omit for a delete). */
  after?: Record<string, unknown> | null;
  /** Extra facts that are not fields of the record, such as a void reason. */
  details?: Record<string, unknown>;
}

const SECRET_KEY = /pass(word)?|secret|token/i;

function describe(key: string, value: unknown): unknown {
  if (SECRET_KEY.test(key)) return value == null ? value : '[changed]';
  if (value instanceof Uint8Array) return `[file, ${value.byteLength} bytes]`;
  return value;
}

/** What changed: { field: { from, to } } for the fields whose value differs. */
export function diff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    const from = describe(key, before?.[key] ?? null);
    const to = describe(key, after?.[key] ?? null);
    if (JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from, to };
  }
  return out;
}

/**
 * Appends one entry to the audit log. Call it inside the service's transaction so the
 * entry exists exactly when the change does.
 */
export async function recordAudit(ctx: ServiceContext, event: AuditEvent): Promise<void> {
  const changes: Record<string, unknown> = diff(event.before, event.after);
  if (event.details) changes._details = event.details;
  await storeOf(ctx).run(
    qb.insertInto('audit_log').values({
      at: ctx.clock.now().toISOString(),
      entity: event.entity,
      entity_id: String(event.entityId),
      action: event.action,
      changes: JSON.stringify(changes),
      user: ctx.user,
    }),
  );
}

const DOCUMENT_TYPES = new Set(['invoice', 'quote', 'credit_note']);
const REF_TABLES = { customer: 'customers', vendor: 'vendors', item: 'items', tax: 'taxes' } as const;
const REF_FIELDS: Record<string, keyof typeof REF_TABLES> = {
  customerId: 'customer',
  customer_id: 'customer',
  vendorId: 'vendor',
  vendor_id: 'vendor',
};

/**
 * Names for the audit log instead of internal ids: the document's number, the customer's
 * name. Looked up once per record per page; a deleted record keeps its kind and id.
 */
function nameLookup(ctx: ServiceContext) {
  const store = storeOf(ctx);
  const cache = new Map<string, string | null>();
  const nameOf = async (kind: keyof typeof REF_TABLES, id: number): Promise<string | null> => {
    const key = `${kind}:${id}`;
    if (!cache.has(key)) {
      const row = await store.first(qb.selectFrom(REF_TABLES[kind]).select('name').where('id', '=', id));
      cache.set(key, row?.name ?? null);
    }
    return cache.get(key)!;
  };
  const docLabel = async (id: number): Promise<string | null> => {
    const key = `doc:${id}`;
    if (!cache.has(key)) {
      const row = await store.first(
        qb.selectFrom('documents').select(['number', 'status']).where('id', '=', id),
      );
      cache.set(key, row ? (row.number ?? 'draft') : null);
    }
    return cache.get(key)!;
  };
  const kindWords = (entity: string) => entity.charAt(0).toUpperCase() + entity.slice(1).replace(/_/g, ' ');
  return {
    async record(entity: string, entityId: string): Promise<string> {
      const id = Number(entityId);
      const kind = kindWords(entity);
      if (!Number.isInteger(id)) return entityId ? `${kind} ${entityId}` : kind;
      if (DOCUMENT_TYPES.has(entity)) {
        const n = await docLabel(id);
        return n === null
          ? `${kind} #${id} (deleted)`
          : n === 'draft'
            ? `Draft ${kind.toLowerCase()} #${id}`
            : `${kind} ${n}`;
      }
      if (entity in REF_TABLES) {
        const name = await nameOf(entity as keyof typeof REF_TABLES, id);
        return name === null ? `${kind} #${id} (deleted)` : `${kind} ${name}`;
      }
      if (entity === 'bill') {
        const row = await store.first(
          qb
            .selectFrom('bills')
            .innerJoin('vendors', 'vendors.id', 'bills.vendor_id')
            .select(['vendors.name as vendor', 'bills.vendor_invoice_number as number'])
            .where('bills.id', '=', id),
        );
        return row ? `Bill ${[row.vendor, row.number].filter(Boolean).join(' ')}` : `Bill #${id} (deleted)`;
      }
      return `${kind} #${id}`;
    },
    async refs(changes: Record<string, unknown>): Promise<Record<string, string>> {
      const out: Record<string, string> = {};
      for (const [field, kind] of Object.entries(REF_FIELDS)) {
        const c = changes[field] as { from?: unknown; to?: unknown } | undefined;
        if (!c) continue;
        for (const v of [c.from, c.to])
          if (typeof v === 'number') {
            const name = await nameOf(kind, v);
            if (name !== null) out[`${field}:${v}`] = name;
          }
      }
      return out;
    },
  };
}

export async function listAudit(ctx: ServiceContext, input: ParsedInput<'audit.list'>) {
  let q = qb
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(input.limit + 1);
  if (input.entity) q = q.where('entity', '=', input.entity);
  if (input.entityId) q = q.where('entity_id', '=', input.entityId);
  if (input.from) q = q.where('at', '>=', input.from);
  if (input.to) q = q.where('at', '<', `${input.to}T99`);
  if (input.text)
    q = q.where(dialectOf(storeOf(ctx)).containsIgnoringCase("changes || ' ' || entity_id", input.text));
  if (input.beforeId) q = q.where('id', '<', input.beforeId);
  const rows = await storeOf(ctx).all(q);
  const page = rows.slice(0, input.limit);
  const names = nameLookup(ctx);
  const entries: AuditEntry[] = [];
  for (const r of page) {
    const changes = JSON.parse(r.changes) as Record<string, unknown>;
    entries.push({
      id: r.id,
      at: r.at,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      changes,
      user: r.user,
      record: await names.record(r.entity, r.entity_id),
      refs: await names.refs(changes),
    });
  }
  return { entries, nextBeforeId: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}
