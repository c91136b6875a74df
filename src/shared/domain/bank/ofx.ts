import { msg } from '../../i18n';
import { XMLParser } from 'fast-xml-parser';
import { refuseDoctype } from './camt';
import {
  checkCurrency,
  checkDate,
  decimalToMinor,
  decodeXmlText,
  squash,
  placeOf,
  StatementError,
  type ParsedStatement,
  type StatementLine,
  type Where,
} from './statement';

/**
 * OFX 1.x (SGML: leaf elements are not closed) and OFX 2.x (XML), and Quicken's QFX, which is
 * OFX. SGML is first turned into XML by closing each leaf element, then both are read by the
 * same XML parser (no entities expanded). Bank and credit-card statements are read.
 */

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: false,
  trimValues: true,
  isArray: (name) => ['STMTTRN', 'STMTTRNRS', 'CCSTMTTRNRS', 'STMTRS', 'CCSTMTRS'].includes(name),
});

export function looksLikeOfx(text: string): boolean {
  const head = text.slice(0, 4096);
  return /OFXHEADER\s*[:=]/.test(head) || /<OFX[\s>]/i.test(head);
}

const node = (v: unknown): Node => (v && typeof v === 'object' ? (v as Node) : {});
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(node) : v === undefined ? [] : [node(v)]);
const str = (v: unknown): string => (typeof v === 'string' ? decodeXmlText(v) : '');

/** SGML OFX to XML: every `<TAG>value` not followed by `</TAG>` is closed. */
function sgmlToXml(body: string): string {
  return body.replace(
    /<([A-Za-z0-9.]+)>([^<]+)(<\/\1>)?/g,
    (m, tag: string, value: string, close?: string) => {
      if (close || value.trim() === '') return m;
      return `<${tag}>${value.trim().replace(/&(?!(amp|lt|gt|quot|apos);)/g, '&amp;')}</${tag}>`;
    },
  );
}

function ofxDate(text: string, where: Where): string {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(text.trim());
  if (!m) throw new StatementError(msg('statementErrors.ofx.notDate', { where: placeOf(where), text }));
  return checkDate(Number(m[1]), Number(m[2]), Number(m[3]), where, text);
}

/** Finds every element with one of the names, at any depth. */
function findAll(n: unknown, names: string[], out: Node[] = []): Node[] {
  if (Array.isArray(n)) n.forEach((c) => findAll(c, names, out));
  else if (n && typeof n === 'object') {
    for (const [k, v] of Object.entries(n as Node)) {
      if (names.includes(k)) out.push(...list(v));
      else findAll(v, names, out);
    }
  }
  return out;
}

export function parseOfx(text: string): ParsedStatement[] {
  refuseDoctype(text, 'ofx');
  const start = text.search(/<OFX[\s>]/i);
  if (start < 0) throw new StatementError(msg('statementErrors.ofx.noOfx', { element: '<OFX>' }));
  const isXml = /<\?xml/i.test(text.slice(0, start)) || /^\s*<\?OFX/im.test(text.slice(0, start));
  const body = isXml ? text.slice(start) : sgmlToXml(text.slice(start));
  let doc: Node;
  try {
    doc = node(parser.parse(body, true));
  } catch (e) {
    throw new StatementError(msg('statementErrors.ofx.malformed', { detail: (e as Error).message }));
  }
  const statements = findAll(doc, ['STMTRS', 'CCSTMTRS']);
  if (statements.length === 0) throw new StatementError(msg('statementErrors.ofx.noStatement'));

  return statements.map((stmt, si) => {
    // Places in the file, in the user's language, made only when a message needs them.
    const where = () => msg('statementErrors.ofx.statement', { n: String(si + 1) });
    const currency = checkCurrency(str(stmt.CURDEF) || 'XXX', () => `${where()} CURDEF`);
    const acct = node(stmt.BANKACCTFROM ?? stmt.CCACCTFROM);
    const acctId = str(acct.ACCTID).replace(/\s/g, '');
    const list_ = node(stmt.BANKTRANLIST);
    const lines: StatementLine[] = list(list_.STMTTRN).map((t, i) => {
      const w = () =>
        str(t.FITID)
          ? msg('statementErrors.ofx.transactionFitid', {
              where: where(),
              n: String(i + 1),
              fitid: str(t.FITID),
            })
          : msg('statementErrors.ofx.transaction', { where: where(), n: String(i + 1) });
      const amountText = str(t.TRNAMT);
      if (!amountText) throw new StatementError(msg('statementErrors.ofx.noAmount', { where: w() }));
      const payee = node(t.PAYEE);
      return {
        bookingDate: ofxDate(str(t.DTPOSTED), () => `${w()} DTPOSTED`),
        valueDate: str(t.DTAVAIL) ? ofxDate(str(t.DTAVAIL), () => `${w()} DTAVAIL`) : null,
        amount: decimalToMinor(amountText.replace(/\s/g, ''), currency, () => `${w()} TRNAMT`),
        currency,
        counterpartyName: squash(str(t.NAME) || str(payee.NAME)),
        counterpartyIban: '',
        counterpartyBic: '',
        reference: squash(str(t.MEMO)),
        text: squash(
          [str(t.TRNTYPE), str(t.CHECKNUM) && `Check ${str(t.CHECKNUM)}`].filter(Boolean).join(' '),
        ),
        bankRef: str(t.FITID) || null,
      };
    });
    const ledger = node(stmt.LEDGERBAL);
    const closing = str(ledger.BALAMT)
      ? {
          amount: decimalToMinor(str(ledger.BALAMT), currency, () => `${where()} LEDGERBAL`),
          date: ofxDate(str(ledger.DTASOF), () => `${where()} LEDGERBAL DTASOF`),
        }
      : null;
    return {
      format: 'ofx' as const,
      statementId: str(list_.DTEND) || String(si + 1),
      accountIban: /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(acctId) ? acctId : null,
      accountNumber: acctId || null,
      currency,
      opening: null,
      closing,
      lines,
    };
  });
}
