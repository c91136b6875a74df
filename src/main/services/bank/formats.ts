import { msg } from '../../../shared/i18n';
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
  if (bytes.length === 0) throw new StatementError(msg('errors.formats.empty'));
  if (bytes.length > MAX_STATEMENT_BYTES)
    throw new StatementError(
      msg('errors.formats.tooLarge', { size: `${(bytes.length / 1048576).toFixed(1)} MB`, limit: '20 MB' }),
    );
  const { text } = decodeText(bytes);
  if (text.includes('\u0000'))
    throw new StatementError(msg('errors.formats.notStatement', { formats: SUPPORTED_FORMATS_TEXT }));
  if (looksLikeCamt(text)) return { kind: 'statements', statements: parseCamt(text) };
  if (looksLikeOfx(text)) return { kind: 'statements', statements: parseOfx(text) };
  if (looksLikeMt940(text)) return { kind: 'statements', statements: parseMt940(text) };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<'))
    throw new StatementError(msg('errors.formats.xmlNotStatement', { formats: SUPPORTED_FORMATS_TEXT }));
  const lines = trimmed
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 10);
  if (lines.length >= 2 && lines.every((l) => /[,;\t|]/.test(l))) return { kind: 'csv' };
  throw new StatementError(msg('errors.formats.unknownKind', { formats: SUPPORTED_FORMATS_TEXT }));
}
