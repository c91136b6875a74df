import { detectImageType } from './images';

/**
 * Scanned bills: PDF, PNG or JPEG, recognised by their first bytes (a renamed text file is
 * caught), up to 20 MB each. Files are stored once under their SHA-256 content hash.
 */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export function detectAttachmentType(bytes: Uint8Array): AttachmentType | null {
  // "%PDF-"; some generators put a few bytes of junk first, which readers accept within 1 KB.
  const head = Math.min(bytes.length, 1024);
  for (let i = 0; i + 5 <= head; i++) {
    if (
      bytes[i] === 0x25 &&
      bytes[i + 1] === 0x50 &&
      bytes[i + 2] === 0x44 &&
      bytes[i + 3] === 0x46 &&
      bytes[i + 4] === 0x2d
    )
      return 'application/pdf';
  }
  return detectImageType(bytes);
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * What a stored attachment can be: a scan, or the original XML of an imported e-invoice (kept
 * as the bill's attachment; only the e-invoice import stores one, uploads stay scans).
 */
export type StoredAttachmentType = AttachmentType | 'application/xml';

export function detectStoredType(bytes: Uint8Array): StoredAttachmentType | null {
  const scan = detectAttachmentType(bytes);
  if (scan) return scan;
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return bytes[i] === 0x3c ? 'application/xml' : null;
}
