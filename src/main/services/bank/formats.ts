import { looksLikeCamt, parseCamt } from '../../../shared/domain/bank/camt';
import { looksLikeMt940, parseMt940 } from '../../../shared/domain/bank/mt940';
import { looksLikeOfx, parseOfx } from '../../../shared/domain/bank/ofx';
import {
  StatementError,
  SUPPORTED_FORMATS_TEXT,
  type ParsedStatement,
} from '../../../shared/domain/bank/statement';
import { decodeText } from './csv-statement';

/** Statement files above this size are refused before they are read. */
export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;

export type DetectedFile = { kind: 'statements'; statements: ParsedStatement[] } | { kind: 'csv' };

/**
 * Reads a statement file by its content (never its name): CAMT XML, OFX/QFX, MT940/MT942,
 * or a CSV that needs a column mapping. Anything else is refused with the list of formats.
 */
export function readStatementFile(bytes: Uint8Array): DetectedFile {
  if (bytes.length === 0) throw new StatementError('The file is empty.');
  if (bytes.length > MAX_STATEMENT_BYTES)
    throw new StatementError(
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB; statements up to 20 MB can be imported.`,
    );
  const { text } = decodeText(bytes);
  if (text.includes('\u0000'))
    throw new StatementError(
      `This is not a statement file Folio can read. Supported: ${SUPPORTED_FORMATS_TEXT}.`,
    );
  if (looksLikeCamt(text)) return { kind: 'statements', statements: parseCamt(text) };
  if (looksLikeOfx(text)) return { kind: 'statements', statements: parseOfx(text) };
  if (looksLikeMt940(text)) return { kind: 'statements', statements: parseMt940(text) };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<'))
    throw new StatementError(
      `This XML file is not a bank statement Folio can read. Supported: ${SUPPORTED_FORMATS_TEXT}.`,
    );
  const lines = trimmed
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 10);
  if (lines.length >= 2 && lines.every((l) => /[,;\t|]/.test(l))) return { kind: 'csv' };
  throw new StatementError(
    `Folio cannot tell what kind of file this is. Supported: ${SUPPORTED_FORMATS_TEXT}.`,
  );
}
