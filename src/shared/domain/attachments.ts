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
 * Checks that an upload is what its first bytes claim, end to end, so a file that is also a
 * web page or a script (a "polyglot") is refused:
 * - PDF: "%PDF-1.x" or "%PDF-2.x" at the very first byte, and "%%EOF" with "startxref" (or a
 *   trailer) in the last kilobyte, where every PDF writer puts them.
 * - PNG: the signature, an IHDR chunk of 13 bytes with a valid CRC first, well-formed chunks
 *   up to IEND (with its CRC), and nothing after it.
 * - JPEG: SOI, well-formed marker segments, scan data, and EOI at the end (trailing zero bytes
 *   some cameras add are allowed).
 * Returns what is wrong in words, or null.
 */
export function attachmentStructureProblem(
  bytes: Uint8Array,
  type: AttachmentType,
): { kind: string; reason: string } | null {
  const reason =
    type === 'application/pdf'
      ? pdfProblem(bytes)
      : type === 'image/png'
        ? pngProblem(bytes)
        : jpegProblem(bytes);
  return reason
    ? { kind: type === 'application/pdf' ? 'PDF' : type === 'image/png' ? 'PNG' : 'JPEG', reason }
    : null;
}

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(Math.max(0, from), Math.min(bytes.length, to)));

function pdfProblem(bytes: Uint8Array): string | null {
  if (!/^%PDF-[12]\.\d/.test(ascii(bytes, 0, 8))) return 'does not begin with a PDF header';
  const tail = ascii(bytes, bytes.length - 1024, bytes.length);
  if (!tail.includes('%%EOF') || !(tail.includes('startxref') || tail.includes('trailer')))
    return 'does not end like a PDF (it may be cut short)';
  return null;
}

let crcTable: Uint32Array | null = null;
function crc32(bytes: Uint8Array, from: number, to: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngProblem(bytes: Uint8Array): string | null {
  if (bytes.length < 8 + 25 + 12 || PNG_SIGNATURE.some((v, i) => bytes[i] !== v))
    return 'is not a whole PNG image';
  let at = 8;
  let first = true;
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at);
    const type = ascii(bytes, at + 4, at + 8);
    const end = at + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) return 'has a damaged chunk';
    if (first && (type !== 'IHDR' || length !== 13)) return 'has no image header (IHDR)';
    // The CRC of the header and of the end marker always; of every chunk when the file is small.
    if (
      (first || type === 'IEND' || bytes.length <= 4 * 1024 * 1024) &&
      crc32(bytes, at + 4, end - 4) !== u32(bytes, end - 4)
    )
      return `has a damaged ${type} chunk`;
    first = false;
    at = end;
    if (type === 'IEND') return at === bytes.length ? null : 'has data after its end';
  }
  return 'does not end like a PNG image (it may be cut short)';
}

function jpegProblem(bytes: Uint8Array): string | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return 'is not a whole JPEG image';
  let end = bytes.length;
  while (end > 2 && bytes[end - 1] === 0x00) end--;
  if (bytes[end - 2] !== 0xff || bytes[end - 1] !== 0xd9)
    return 'does not end like a JPEG image (it may be cut short)';
  let at = 2;
  let sawFrame = false;
  while (at < end) {
    if (bytes[at] !== 0xff) return 'has a damaged segment';
    while (bytes[at] === 0xff && at < end) at++; // fill bytes
    const marker = bytes[at++]!;
    if (marker === 0xd9) return at === end && sawFrame ? null : 'has data after its end';
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (at + 2 > end) return 'has a damaged segment';
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (length < 2 || at + length > end) return 'has a damaged segment';
    if (
      (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
      marker === 0xde
    )
      sawFrame = true;
    at += length;
    if (marker === 0xda) {
      // Entropy-coded scan data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      while (
        at < end - 1 &&
        !(bytes[at] === 0xff && bytes[at + 1] !== 0x00 && (bytes[at + 1]! < 0xd0 || bytes[at + 1]! > 0xd7))
      )
        at++;
      if (at >= end - 1) return 'does not end like a JPEG image (it may be cut short)';
    }
  }
  return 'does not end like a JPEG image (it may be cut short)';
}

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
