import { msg } from '../../../shared/i18n';
import type { ParsedInput } from '../../../shared/api/contract';
import type { BillAttachment } from '../../../shared/api/payables';
import {
  attachmentStructureProblem,
  detectAttachmentType,
  detectStoredType,
  type StoredAttachmentType,
} from '../../../shared/domain/attachments';
import { safeUserFileName } from '../../../shared/domain/file-names';
import { fieldError, notFound } from '../../../shared/api/errors';
import { HEAD_BYTES, attachmentStore, type AttachmentStore } from '../../db/attachments';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';

/**
 * Scanned bills: uploaded, checked, and kept in the attachment store (db/attachments.ts: the
 * data folder's attachments/ for local books, the database for shared books).
 */

/** The stored files of the books this context works on: every reader and writer goes through it. */
export function filesOf(ctx: ServiceContext): AttachmentStore {
  return attachmentStore(storeOf(ctx), ctx.paths.attachmentsDir, () => ctx.clock.now());
}

export async function uploadAttachment(
  ctx: ServiceContext,
  input: ParsedInput<'bills.uploadAttachment'>,
): Promise<BillAttachment> {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const mimeType = detectAttachmentType(bytes);
  if (!mimeType)
    throw fieldError('dataBase64', msg('errors.attachments.filenameNotPdfPng', { fileName: input.fileName }));
  const problem = attachmentStructureProblem(bytes, mimeType);
  if (problem)
    throw fieldError(
      'dataBase64',
      msg('errors.attachments.filenameStartsLikeKind', {
        fileName: input.fileName,
        kind: problem.kind,
        reason: problem.reason,
      }),
    );
  const sha256 = await filesOf(ctx).write(bytes);
  ctx.log.info('attachment stored', { sha256, bytes: bytes.length, mimeType });
  return { sha256, fileName: input.fileName, mimeType, bytes: bytes.length };
}

/** An uploaded file's type and size, read back from the store (checked again by its first bytes). */
export async function storedAttachment(
  ctx: ServiceContext,
  sha256: string,
): Promise<{ mimeType: StoredAttachmentType; bytes: number } | null> {
  const stored = await filesOf(ctx).head(sha256);
  const mimeType = stored && detectStoredType(stored.head);
  return mimeType ? { mimeType, bytes: stored.size } : null;
}

export async function getAttachment(ctx: ServiceContext, input: ParsedInput<'bills.getAttachment'>) {
  // The file is read once, whole; its type is told by its first bytes.
  const data = await filesOf(ctx).read(input.sha256);
  const mimeType = data && detectStoredType(data.subarray(0, HEAD_BYTES));
  if (!data || !mimeType) throw notFound(msg('errors.notFound.attachmentFile'));
  const row = await storeOf(ctx).first(
    qb
      .selectFrom('bill_attachments')
      .select('file_name')
      .where('sha256', '=', input.sha256)
      .orderBy('id', 'desc'),
  );
  return {
    sha256: input.sha256,
    fileName: row ? safeUserFileName(row.file_name) : `${input.sha256.slice(0, 12)}${extension(mimeType)}`,
    mimeType,
    bytes: data.length,
    dataBase64: data.toString('base64'),
  };
}

function extension(mime: StoredAttachmentType): string {
  if (mime === 'application/xml') return '.xml';
  return mime === 'application/pdf' ? '.pdf' : mime === 'image/png' ? '.png' : '.jpg';
}
