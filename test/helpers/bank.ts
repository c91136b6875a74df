/** Writes a CAMT.053.001.08 statement, as a bank would, from lines given in minor units. */
export interface CamtLine {
  date: string;
  amount: number;
  name?: string;
  iban?: string;
  reference?: string;
  ref?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const dec = (minor: number) =>
  `${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

export function camt053(opts: {
  iban: string;
  currency?: string;
  opening: number;
  openingDate: string;
  lines: CamtLine[];
  id?: string;
}) {
  const ccy = opts.currency ?? 'EUR';
  const closing = opts.opening + opts.lines.reduce((t, l) => t + l.amount, 0);
  const closingDate = opts.lines.length ? opts.lines[opts.lines.length - 1]!.date : opts.openingDate;
  const bal = (code: string, amount: number, date: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${ccy}">${dec(amount)}</Amt><CdtDbtInd>${amount < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  const entries = opts.lines
    .map((l, i) => {
      const party = l.amount >= 0 ? 'Dbtr' : 'Cdtr';
      return `<Ntry><Amt Ccy="${ccy}">${dec(l.amount)}</Amt><CdtDbtInd>${l.amount < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>${l.date}</Dt></BookgDt><ValDt><Dt>${l.date}</Dt></ValDt><AcctSvcrRef>${esc(l.ref ?? `${opts.id ?? 'S'}-${i + 1}`)}</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties>${l.name ? `<${party}><Pty><Nm>${esc(l.name)}</Nm></Pty></${party}>` : ''}${l.iban ? `<${party}Acct><Id><IBAN>${l.iban}</IBAN></Id></${party}Acct>` : ''}</RltdPties>
${l.reference ? `<RmtInf><Ustrd>${esc(l.reference)}</Ustrd></RmtInf>` : ''}</TxDtls></NtryDtls></Ntry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>${opts.id ?? 'S'}</MsgId><CreDtTm>${closingDate}T18:00:00</CreDtTm></GrpHdr>
<Stmt><Id>${opts.id ?? 'S'}</Id><Acct><Id><IBAN>${opts.iban}</IBAN></Id><Ccy>${ccy}</Ccy></Acct>
${bal('PRCD', opts.opening, opts.openingDate)}${bal('CLBD', closing, closingDate)}
${entries}
</Stmt></BkToCstmrStmt></Document>`;
}

export const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
