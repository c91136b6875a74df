import type { AuditEntry } from '../../shared/api/system';
import type { ParsedInput } from '../../shared/api/contract';
import { sql } from 'kysely';
import { qb } from '../db/store';
import { storeOf, type ServiceContext } from './context';

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
export function recordAudit(ctx: ServiceContext, event: AuditEvent): void {
  const changes: Record<string, unknown> = diff(event.before, event.after);
  if (event.details) changes._details = event.details;
  storeOf(ctx).run(
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

export function listAudit(ctx: ServiceContext, input: ParsedInput<'audit.list'>) {
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
    q = q.where(sql<boolean>`instr(lower(changes || ' ' || entity_id), lower(${input.text})) > 0`);
  if (input.beforeId) q = q.where('id', '<', input.beforeId);
  const rows = storeOf(ctx).all(q);
  const page = rows.slice(0, input.limit);
  const entries: AuditEntry[] = page.map((r) => ({
    id: r.id,
    at: r.at,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    changes: JSON.parse(r.changes) as Record<string, unknown>,
    user: r.user,
  }));
  return { entries, nextBeforeId: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}
