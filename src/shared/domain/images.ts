/** Recognises an image by its first bytes, not by its file name, so a renamed text file is caught. */
export type ImageType = 'image/png' | 'image/jpeg';

export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

export const LOGO_MAX_BYTES = 1024 * 1024;
