import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { Document, ParsedDocumentInput } from '../../../shared/api/documents';
import { AppError, fieldError } from '../../../shared/api/errors';
import { qb } from '../../db/store';
import { recordAudit } from '../audit';
import { storeOf, type ServiceContext } from '../context';
import { documentRecord, getDocument } from './document-read';
import { assertDraft, insertDraft, prepareDocument, writeParts } from './document-save';
import { previewNumber } from './numbering';
import { assertVersion } from '../versions';

/** The header fields the audit log compares (lines are summarised as a count and total). */
function auditView(
  doc: {
    total: number;
    issue_date: string;
    due_date: string | null;
    currency: string;
    customer_id: number;
    reference: string;
  },
  lines: number,
) {
  return {
    customerId: doc.customer_id,
    issueDate: doc.issue_date,
    dueDate: doc.due_date,
    currency: doc.currency,
    reference: doc.reference,
    total: doc.total,
    lines,
  };
}

async function checkRelated(ctx: ServiceContext, input: ParsedDocumentInput): Promise<void> {
  if (input.relatedId === null) return;
  const related = await storeOf(ctx).first(
    qb
      .selectFrom('documents')
      .select(['id', 'type', 'customer_id', 'status'])
      .where('id', '=', input.relatedId),
  );
  if (!related) throw fieldError('relatedId', msg('errors.documents.relatedDocumentDoesNot'));
  if (input.type === 'credit_note' && related.type !== 'invoice')
    throw fieldError('relatedId', msg('errors.documents.creditNoteOnlyCredit'));
  if (related.customer_id !== input.customerId)
    throw fieldError('relatedId', msg('errors.documents.relatedDocumentBelongsAnother'));
}

export async function createDocument(
  ctx: ServiceContext,
  input: ParsedInput<'documents.create'>,
): Promise<Document> {
  const id = await storeOf(ctx).tx(async () => {
    await checkRelated(ctx, input);
    const prepared = await prepareDocument(ctx, input);
    const id = await insertDraft(ctx, prepared);
    await recordAudit(ctx, {
      entity: input.type,
      entityId: id,
      action: 'create',
      after: auditView(prepared.doc, prepared.lines.length),
    });
    return id;
  });
  return await getDocument(ctx, { id });
}

export async function updateDocument(
  ctx: ServiceContext,
  input: ParsedInput<'documents.update'>,
): Promise<Document> {
  await storeOf(ctx).tx(async () => {
    const before = await documentRecord(ctx, input.id, { lock: true });
    assertDraft(before.status, before.type);
    await assertVersion(ctx, before, input.version);
    if (before.type !== input.type)
      throw fieldError('type', msg('errors.documents.typeCannotChange', { type: before.type }));
    await checkRelated(ctx, input);
    const beforeLines = Number(
      (
        await storeOf(ctx).first(
          qb
            .selectFrom('document_lines')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('document_id', '=', input.id),
        )
      )?.n ?? 0,
    );
    const prepared = await prepareDocument(ctx, input, {
      allowArchivedCustomer: true,
      // A credit note keeps the rounding of the invoice it credits; every other draft is
      // computed by today's rule when saved.
      taxRounding:
        before.type === 'credit_note' && before.related_id !== null ? before.tax_rounding : 'category',
    });
    // Only the columns that changed: SQLite rewrites the entries of every index on a column
    // named in SET, and each page it touches is one more to write and sync at the commit.
    const changed = Object.fromEntries(
      Object.entries(prepared.doc).filter(
        ([column, value]) => before[column as keyof typeof before] !== value,
      ),
    ) as Partial<typeof prepared.doc>;
    await storeOf(ctx).run(
      qb
        .updateTable('documents')
        .set({
          ...changed,
          updated_at: ctx.clock.now().toISOString(),
          updated_by: ctx.user,
          version: before.version + 1,
        })
        .where('id', '=', input.id),
    );
    await writeParts(ctx, input.id, prepared);
    await recordAudit(ctx, {
      entity: before.type,
      entityId: input.id,
      action: 'update',
      before: auditView(before, beforeLines),
      after: auditView(prepared.doc, prepared.lines.length),
    });
  });
  return await getDocument(ctx, input);
}

export async function deleteDraft(ctx: ServiceContext, input: { id: number }): Promise<{ deleted: true }> {
  await storeOf(ctx).tx(async () => {
    const before = await documentRecord(ctx, input.id, { lock: true });
    if (before.status !== 'draft')
      throw new AppError('CONFLICT', msg('errors.documents.onlyDraftsDeleted', { type: before.type }));
    await storeOf(ctx).run(
      qb.updateTable('documents').set({ related_id: null }).where('related_id', '=', input.id),
    );
    await storeOf(ctx).run(qb.deleteFrom('documents').where('id', '=', input.id));
    await recordAudit(ctx, {
      entity: before.type,
      entityId: input.id,
      action: 'delete',
      before: auditView(before, 0),
    });
  });
  return { deleted: true };
}

export async function nextNumber(
  ctx: ServiceContext,
  input: ParsedInput<'documents.nextNumber'>,
): Promise<{ number: string }> {
  return { number: await previewNumber(ctx, input.type, ctx.clock.today()) };
}
