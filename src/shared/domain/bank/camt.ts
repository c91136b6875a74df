import { msg } from '../../i18n';
import { XMLParser } from 'fast-xml-parser';
import {
  checkCurrency,
  decimalToMinor,
  decodeXmlText,
  isoDatePart,
  squash,
  StatementError,
  type ParsedStatement,
  type StatementBalance,
  type StatementFormat,
  type StatementLine,
} from './statement';

/**
 * ISO 20022 cash management messages: CAMT.053 (statement), CAMT.052 (intraday report) and
 * CAMT.054 (debit/credit notification), versions 02 to 08. The element names these versions
 * share are read; namespaces are ignored (each version has its own). A DOCTYPE is refused
 * before parsing, and the parser expands no entities.
 */

type Node = Record<string, unknown>;

const ROOTS: Record<string, { format: StatementFormat; item: string }> = {
  BkToCstmrStmt: { format: 'camt.053', item: 'Stmt' },
  BkToCstmrAcctRpt: { format: 'camt.052', item: 'Rpt' },
  BkToCstmrDbtCdtNtfctn: { format: 'camt.054', item: 'Ntfctn' },
};

const ARRAYS = new Set(['Stmt', 'Rpt', 'Ntfctn', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

export function looksLikeCamt(text: string): boolean {
  return /<(?:\w+:)?(BkToCstmrStmt|BkToCstmrAcctRpt|BkToCstmrDbtCdtNtfctn)[\s>]/.test(text.slice(0, 4096));
}

export function refuseDoctype(text: string, format: 'camt' | 'ofx'): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new StatementError(
      format === 'camt' ? msg('statementErrors.doctype.camt') : msg('statementErrors.doctype.ofx'),
    );
}

const node = (v: unknown): Node => (v && typeof v === 'object' ? (v as Node) : {});
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(node) : v === undefined ? [] : [node(v)]);
const text = (v: unknown): string => {
  if (typeof v === 'string') return decodeXmlText(v);
  if (v && typeof v === 'object' && '#text' in (v as Node))
    return decodeXmlText(String((v as Node)['#text']));
  return '';
};
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((n, k) => node(n)[k], v);

function amountOf(
  amt: unknown,
  where: string,
  fallbackCurrency: string | null,
): { amount: number; currency: string } {
  const value = text(amt);
  if (!value) throw new StatementError(msg('statementErrors.camt.noAmount', { where }));
  const ccy = String(node(amt)['@Ccy'] ?? fallbackCurrency ?? '');
  if (!ccy) throw new StatementError(msg('statementErrors.camt.noCurrency', { where }));
  const currency = checkCurrency(ccy, `${where}/Amt`);
  return { amount: decimalToMinor(value, currency, `${where}/Amt`), currency };
}

function signed(amount: number, indicator: string, where: string): number {
  if (indicator === 'CRDT') return amount;
  if (indicator === 'DBIT') return -amount;
  throw new StatementError(msg('statementErrors.camt.indicator', { where, indicator }));
}

function dateOf(v: unknown, where: string): string {
  const d = text(at(v, 'Dt')) || text(at(v, 'DtTm'));
  if (!d) throw new StatementError(msg('statementErrors.camt.noDate', { where }));
  return isoDatePart(d, where);
}

/** A party's name in v02 (Dbtr/Nm) or v08 (Dbtr/Pty/Nm). */
function partyName(p: unknown): string {
  return text(at(p, 'Nm')) || text(at(p, 'Pty', 'Nm'));
}

function balances(
  stmt: Node,
  where: string,
): { opening: StatementBalance | null; closing: StatementBalance | null } {
  let opening: StatementBalance | null = null;
  let closing: StatementBalance | null = null;
  list(stmt.Bal).forEach((bal, i) => {
    const w = `${where}/Bal[${i + 1}]`;
    const code = text(at(bal, 'Tp', 'CdOrPrtry', 'Cd')) || text(at(bal, 'Tp', 'CdOrPrtry', 'Prtry'));
    const { amount } = amountOf(bal.Amt, w, null);
    const value = signed(amount, text(bal.CdtDbtInd), w);
    const date = dateOf(bal.Dt, `${w}/Dt`);
    if ((code === 'OPBD' || code === 'PRCD') && !opening) opening = { amount: value, date };
    if (code === 'CLBD') closing = { amount: value, date };
  });
  return { opening, closing };
}

export function parseCamt(xml: string): ParsedStatement[] {
  refuseDoctype(xml, 'camt');
  let doc: Node;
  try {
    doc = node(parser.parse(xml, true));
  } catch (e) {
    throw new StatementError(msg('statementErrors.camt.malformed', { detail: (e as Error).message }));
  }
  const document = node(doc.Document);
  const rootName = Object.keys(ROOTS).find((k) => k in document);
  if (!rootName) throw new StatementError(msg('statementErrors.camt.notCamt'));
  const { format, item } = ROOTS[rootName]!;
  const statements = list(node(document[rootName])[item]);
  if (statements.length === 0)
    throw new StatementError(msg('statementErrors.camt.noStatement', { root: rootName, item }));

  return statements.map((stmt, si) => {
    const where = `${rootName}/${item}[${si + 1}]`;
    const acct = node(stmt.Acct);
    const accountIban = text(at(acct, 'Id', 'IBAN')) || null;
    const accountNumber = text(at(acct, 'Id', 'Othr', 'Id')) || null;
    const currency = text(acct.Ccy) ? checkCurrency(text(acct.Ccy), `${where}/Acct/Ccy`) : null;
    const { opening, closing } = balances(stmt, where);
    const lines: StatementLine[] = [];
    list(stmt.Ntry).forEach((entry, ei) => {
      const w = `${where}/Ntry[${ei + 1}]`;
      // Pending or informational entries are not booked: a statement line is a booked one.
      const status = text(entry.Sts) || text(at(entry, 'Sts', 'Cd'));
      if (status && status !== 'BOOK') return;
      const indicator = text(entry.CdtDbtInd);
      const total = amountOf(entry.Amt, w, currency);
      const bookingDate = dateOf(entry.BookgDt, `${w}/BookgDt`);
      const valueDate = entry.ValDt ? dateOf(entry.ValDt, `${w}/ValDt`) : null;
      const entryRef = text(entry.AcctSvcrRef) || text(entry.NtryRef) || null;
      const additional = squash(text(entry.AddtlNtryInf));
      const txs = list(entry.NtryDtls).flatMap((d) => list(d.TxDtls));
      // A batch entry whose transactions each carry an amount becomes one line per transaction.
      const split = txs.length > 1 && txs.every((t) => text(at(t, 'AmtDtls', 'TxAmt', 'Amt')) || text(t.Amt));
      const parts = split ? txs : [txs[0] ?? {}];
      parts.forEach((tx, ti) => {
        const tw = split ? `${w}/NtryDtls/TxDtls[${ti + 1}]` : w;
        const amt = split ? amountOf(tx.Amt ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt'), tw, currency) : total;
        const txIndicator = split ? text(tx.CdtDbtInd) || indicator : indicator;
        const amount = signed(amt.amount, txIndicator, tw);
        // Money in: the counterparty is the debtor; money out: the creditor.
        const partyKey = amount >= 0 ? 'Dbtr' : 'Cdtr';
        const parties = node(tx.RltdPties);
        const agents = node(tx.RltdAgts);
        const ustrd = list(at(tx, 'RmtInf'))
          .flatMap((r) => (Array.isArray(r.Ustrd) ? r.Ustrd : r.Ustrd ? [r.Ustrd] : []))
          .map(text);
        const strd = list(at(tx, 'RmtInf', 'Strd')).map((s) => text(at(s, 'CdtrRefInf', 'Ref')));
        const txRef = text(at(tx, 'Refs', 'AcctSvcrRef')) || text(at(tx, 'Refs', 'TxId'));
        lines.push({
          bookingDate,
          valueDate,
          amount,
          currency: amt.currency,
          counterpartyName: squash(partyName(parties[partyKey])),
          counterpartyIban: text(at(parties, `${partyKey}Acct`, 'Id', 'IBAN'))
            .replace(/\s/g, '')
            .toUpperCase(),
          counterpartyBic:
            text(at(agents, `${partyKey}Agt`, 'FinInstnId', 'BICFI')) ||
            text(at(agents, `${partyKey}Agt`, 'FinInstnId', 'BIC')),
          reference: squash([...strd, ...ustrd].filter(Boolean).join(' ')),
          text: squash([additional, text(at(tx, 'AddtlTxInf'))].filter(Boolean).join(' ')),
          bankRef: split
            ? txRef
              ? txRef
              : entryRef
                ? `${entryRef}#${ti + 1}`
                : null
            : entryRef || txRef || null,
        });
      });
    });
    return {
      format,
      statementId: text(stmt.Id) || `${si + 1}`,
      accountIban: accountIban ? accountIban.replace(/\s/g, '').toUpperCase() : null,
      accountNumber,
      currency,
      opening,
      closing,
      lines,
    };
  });
}
