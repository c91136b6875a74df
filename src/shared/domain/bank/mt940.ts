import { msg } from '../../i18n';
import {
  checkCurrency,
  checkDate,
  decimalToMinor,
  squash,
  StatementError,
  type ParsedStatement,
  type StatementBalance,
  type StatementLine,
  type Where,
} from './statement';

/**
 * SWIFT MT940 (customer statement) and MT942 (interim transaction report), as banks export
 * them: tags `:20:`, `:25:`, `:28C:`, `:60F:`/`:60M:`, `:61:` with its `:86:`, `:62F:`/`:62M:`,
 * `:13D:` and `:90D:`/`:90C:` in MT942. Continuation lines belong to the tag above them. The
 * `:86:` field is read in the structured German form (`166?00…?20…?32…`) when it has one,
 * and as free text otherwise.
 */

interface Field {
  tag: string;
  value: string;
  line: number;
}

export function looksLikeMt940(text: string): boolean {
  return (
    /(^|\n)\s*:20:/.test(text.slice(0, 4096)) && /(^|\n):(25|28C?|60[FM]|61|13D?):/.test(text.slice(0, 65536))
  );
}

/** "Line 12 (:61:)" in the user's language, made only when a message needs it. */
const fieldWhere =
  (f: Field): (() => string) =>
  () =>
    msg('statementErrors.mt940.where', { line: String(f.line), tag: f.tag });

function fields(text: string): Field[] {
  const out: Field[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    const m = /^:(\d{2}[A-Z]?):(.*)$/.exec(line);
    if (m) out.push({ tag: m[1]!, value: m[2]!, line: i + 1 });
    else if (/^-\}?$|^\{[1-5]:|^\}$/.test(line.trim()) || line.trim() === '' || line.trim() === '-') {
      // SWIFT block markers and message separators.
    } else if (out.length > 0) out[out.length - 1]!.value += '\n' + line;
    else
      throw new StatementError(
        msg('statementErrors.mt940.notField', { line: String(i + 1), found: line.slice(0, 40) }),
      );
  });
  return out;
}

function yymmdd(s: string, where: Where): string {
  const y = Number(s.slice(0, 2));
  return checkDate(y < 80 ? 2000 + y : 1900 + y, Number(s.slice(2, 4)), Number(s.slice(4, 6)), where, s);
}

function balance(f: Field): { value: StatementBalance; currency: string } {
  const where = fieldWhere(f);
  const m = /^([CD])(\d{6})([A-Z]{3})(\d+,\d*)$/.exec(f.value.trim());
  if (!m) throw new StatementError(msg('statementErrors.mt940.balance', { where: where() }));
  const currency = checkCurrency(m[3]!, where);
  const amount = decimalToMinor(m[4]!, currency, where);
  return { value: { amount: m[1] === 'D' ? -amount : amount, date: yymmdd(m[2]!, where) }, currency };
}

/** The structured German :86: ("166?00GUTSCHRIFT?20EREF+…?32NAME"), or null for free text. */
function structured86(value: string): Map<string, string> | null {
  const flat = value.replace(/\n/g, '');
  const m = /^(\d{3})(\D)(\d{2})/.exec(flat);
  if (!m) return null;
  const sep = m[2]!;
  const parts = new Map<string, string>();
  for (const piece of flat.slice(3).split(sep)) {
    if (piece.length < 2 || !/^\d{2}/.test(piece)) continue;
    const key = piece.slice(0, 2);
    parts.set(key, (parts.get(key) ?? '') + piece.slice(2));
  }
  return parts;
}

function info(
  value: string,
): Pick<StatementLine, 'counterpartyName' | 'counterpartyIban' | 'counterpartyBic' | 'reference' | 'text'> {
  const parts = structured86(value);
  if (!parts)
    return {
      counterpartyName: '',
      counterpartyIban: '',
      counterpartyBic: '',
      reference: '',
      text: squash(value),
    };
  const pick = (keys: string[]) => keys.map((k) => parts.get(k) ?? '').join('');
  const remittance = pick([
    '20',
    '21',
    '22',
    '23',
    '24',
    '25',
    '26',
    '27',
    '28',
    '29',
    '60',
    '61',
    '62',
    '63',
  ]);
  const account = (parts.get('31') ?? '').replace(/\s/g, '').toUpperCase();
  return {
    counterpartyName: squash(pick(['32', '33'])),
    counterpartyIban: /^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(account) ? account : '',
    counterpartyBic: /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(parts.get('30') ?? '')
      ? parts.get('30')!
      : '',
    reference: squash(remittance),
    text: squash(parts.get('00') ?? ''),
  };
}

export function parseMt940(text: string): ParsedStatement[] {
  const all = fields(text);
  if (all.length === 0) throw new StatementError(msg('statementErrors.mt940.noFields'));
  const statements: ParsedStatement[] = [];
  let current: ParsedStatement | null = null;
  let last: StatementLine | null = null;
  const lineCurrency = () => current?.currency ?? null;

  for (const f of all) {
    const where = fieldWhere(f);
    switch (f.tag) {
      case '20':
        current = {
          format: 'mt940',
          statementId: f.value.trim(),
          accountIban: null,
          accountNumber: null,
          currency: null,
          opening: null,
          closing: null,
          lines: [],
        };
        statements.push(current);
        last = null;
        break;
      case '25': {
        if (!current) throw new StatementError(msg('statementErrors.mt940.before20', { where: where() }));
        const id = f.value.trim().replace(/\s/g, '');
        // "DE89370400440532013000", "DE89370400440532013000EUR" or "37040044/0532013000".
        const iban = /^([A-Z]{2}\d{2}[A-Z0-9]{10,30}?)([A-Z]{3})?$/.exec(id);
        if (iban && /\d{6,}/.test(iban[1]!)) current.accountIban = iban[1]!;
        else current.accountNumber = id;
        break;
      }
      case '28':
      case '28C':
        break;
      case '60F':
      case '60M': {
        if (!current) throw new StatementError(msg('statementErrors.mt940.before20', { where: where() }));
        const b = balance(f);
        current.currency ??= b.currency;
        if (!current.opening) current.opening = b.value;
        break;
      }
      case '62F':
      case '62M': {
        if (!current) throw new StatementError(msg('statementErrors.mt940.before20', { where: where() }));
        const b = balance(f);
        current.currency ??= b.currency;
        current.closing = b.value;
        break;
      }
      case '13':
      case '13D':
        if (current) current.format = 'mt942';
        break;
      case '34F': {
        if (!current) throw new StatementError(msg('statementErrors.mt940.before20', { where: where() }));
        current.format = 'mt942';
        const m = /^([A-Z]{3})/.exec(f.value.trim());
        if (m) current.currency ??= checkCurrency(m[1]!, where);
        break;
      }
      case '61': {
        if (!current) throw new StatementError(msg('statementErrors.mt940.before20', { where: where() }));
        const [first = '', ...rest] = f.value.split('\n');
        const m = /^(\d{6})(\d{4})?(R?[CD])([A-Z])?(\d+,\d*)([NFS][A-Z0-9]{3})(.*)$/.exec(first.trim());
        if (!m) throw new StatementError(msg('statementErrors.mt940.line61', { where: where() }));
        const currency = lineCurrency();
        if (!currency) throw new StatementError(msg('statementErrors.mt940.noCurrency', { where: where() }));
        const valueDate = yymmdd(m[1]!, where);
        let bookingDate = valueDate;
        if (m[2]) {
          let year = Number(valueDate.slice(0, 4));
          const month = Number(m[2].slice(0, 2));
          const valueMonth = Number(valueDate.slice(5, 7));
          if (valueMonth === 12 && month === 1) year += 1;
          if (valueMonth === 1 && month === 12) year -= 1;
          bookingDate = checkDate(year, month, Number(m[2].slice(2, 4)), where, m[2]);
        }
        const amount = decimalToMinor(m[5]!, currency, where);
        const credit = m[3] === 'C' || m[3] === 'RD';
        const [customerRef = ''] = m[7]!.split('//');
        last = {
          bookingDate,
          valueDate,
          amount: credit ? amount : -amount,
          currency,
          counterpartyName: '',
          counterpartyIban: '',
          counterpartyBic: '',
          reference: customerRef.trim() === 'NONREF' ? '' : customerRef.trim(),
          text: squash(rest.join(' ')),
          // The bank reference after "//" is not unique at every bank: the line's fingerprint
          // (date, amount, counterparty, text) identifies it instead.
          bankRef: null,
        };
        current.lines.push(last);
        break;
      }
      case '86': {
        if (!current) throw new StatementError(msg('statementErrors.mt940.before20', { where: where() }));
        if (!last) break; // statement-level information (after the closing balance)
        const i = info(f.value);
        last.counterpartyName = i.counterpartyName;
        last.counterpartyIban = i.counterpartyIban;
        last.counterpartyBic = i.counterpartyBic;
        last.reference = squash([i.reference, last.reference].filter(Boolean).join(' '));
        last.text = squash([i.text, last.text].filter(Boolean).join(' '));
        last = null;
        break;
      }
      default:
        // :64:, :65:, :90D:, :90C: and others carry nothing a statement line needs.
        if (f.tag.startsWith('90') && current) current.format = 'mt942';
        break;
    }
  }
  return statements;
}
