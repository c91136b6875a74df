/**
 * Document numbers such as INV-2026-0042. A series has a prefix, optionally the issue year,
 * and a zero-padded counter. The counter runs on across years and never restarts, so a
 * number is never reused even if the year is left out of the format.
 */
export const DOCUMENT_TYPES = ['invoice', 'quote', 'credit_note'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface NumberFormat {
  prefix: string;
  includeYear: boolean;
  padding: number;
}

export function formatDocumentNumber(format: NumberFormat, year: number, counter: number): string {
  const digits = String(counter).padStart(format.padding, '0');
  return format.includeYear ? `${format.prefix}${year}-${digits}` : `${format.prefix}${digits}`;
}

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  invoice: 'Invoice',
  quote: 'Quote',
  credit_note: 'Credit note',
};
