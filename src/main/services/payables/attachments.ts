import { msg } from '../../../shared/i18n';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedInput } from '../../../shared/api/contract';
import type { BillAttachment } from '../../../shared/api/payables';
import {
  SHA256_HEX,
  attachmentStructureProblem,
  detectAttachmentType,
  detectStoredType,
  type StoredAttachmentType,
} from '../../../shared/domain/attachments';
import { safeUserFileName } from '../../../shared/domain/file-names';
import { AppError, fieldError, notFound } from '../../../shared/api/errors';
import { PRIVATE_FILE, ensurePrivateDir } from '../../db/private-files';
import { qb } from '../../db/store';
import { storeOf, type ServiceContext } from '../context';

/**
 * Scanned bills live in the data folder's attachments/ directory under their SHA-256 hash
 * (attachments/ab/abcdef…), so the same file is stored once and an identical scan on two
 * bills is noticed. A file is written to a temporary name, flushed, then renamed, so a
 * crash never leaves half a file under a hash. Files are never deleted: a restored backup
 * may still refer to them.
 */

export function attachmentPath(ctx: ServiceContext, sha256: string): string {
  if (!SHA256_HEX.test(sha256))
    throw new AppError('VALIDATION', msg('errors.attachments.notAttachmentId'), 'sha256');
  return path.join(ctx.paths.attachmentsDir, sha256.slice(0, 2), sha256);
}

export function uploadAttachment(
  ctx: ServiceContext,
  input: ParsedInput<'bills.uploadAttachment'>,
): BillAttachment {
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
  const sha256 = writeAttachmentFile(ctx, bytes);
  ctx.log.info('attachment stored', { sha256, bytes: bytes.length, mimeType });
  return { sha256, fileName: input.fileName, mimeType, bytes: bytes.length };
}

/** Stores bytes under their SHA-256 (once; written, flushed, then renamed) and returns the hash. */
export function writeAttachmentFile(ctx: ServiceContext, bytes: Uint8Array): string {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const file = attachmentPath(ctx, sha256);
  if (!fs.existsSync(file)) {
    ensurePrivateDir(ctx.paths.attachmentsDir);
    ensurePrivateDir(path.dirname(file));
    const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    const fd = fs.openSync(temp, 'w', PRIVATE_FILE);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  }
  return sha256;
}

/** An uploaded file's type and size, read back from the store (checked again by its bytes). */
export function storedAttachment(
  ctx: ServiceContext,
  sha256: string,
): { mimeType: StoredAttachmentType; bytes: number } | null {
  const file = attachmentPath(ctx, sha256);
  if (!fs.existsSync(file)) return null;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const mimeType = detectStoredType(head.subarray(0, n));
    return mimeType ? { mimeType, bytes: fs.fstatSync(fd).size } : null;
  } finally {
    fs.closeSync(fd);
  }
}

export async function getAttachment(ctx: ServiceContext, input: ParsedInput<'bills.getAttachment'>) {
  const stored = storedAttachment(ctx, input.sha256);
  if (!stored) throw notFound(msg('errors.notFound.attachmentFile'));
  const row = await storeOf(ctx).first(
    qb
      .selectFrom('bill_attachments')
      .select('file_name')
      .where('sha256', '=', input.sha256)
      .orderBy('id', 'desc'),
  );
  const data = fs.readFileSync(attachmentPath(ctx, input.sha256));
  return {
    sha256: input.sha256,
    fileName: row
      ? safeUserFileName(row.file_name)
      : `${input.sha256.slice(0, 12)}${extension(stored.mimeType)}`,
    mimeType: stored.mimeType,
    bytes: stored.bytes,
    dataBase64: data.toString('base64'),
  };
}

function extension(mime: StoredAttachmentType): string {
  if (mime === 'application/xml') return '.xml';
  return mime === 'application/pdf' ? '.pdf' : mime === 'image/png' ? '.png' : '.jpg';
}
