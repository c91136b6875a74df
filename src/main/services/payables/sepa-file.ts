import { create } from 'xmlbuilder2';
import type { SepaParty, SepaTransfer } from '../../../shared/domain/sepa';
import { sepaAmount, sepaId, sepaText } from '../../../shared/domain/sepa';

/**
 * Writes a SEPA credit transfer initiation (ISO 20022 pain.001.001.09 or .03) for one debtor
 * account, one payment information block, one transaction per payment. The two versions
 * differ here only in how a bank is named (BICFI / BIC) and how the execution date is wrapped
 * (ReqdExctnDt/Dt / ReqdExctnDt). Element order follows the XSDs.
 */
export function buildSepaXml(t: SepaTransfer): string {
  const v09 = t.version === 'pain.001.001.09';
  const total = t.payments.reduce((sum, p) => sum + p.amount, 0);
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(
    `urn:iso:std:iso:20022:tech:xsd:${t.version}`,
    'Document',
  );
  const root = doc.ele('CstmrCdtTrfInitn');

  const header = root.ele('GrpHdr');
  header.ele('MsgId').txt(sepaId(t.messageId));
  header.ele('CreDtTm').txt(t.createdAt);
  header.ele('NbOfTxs').txt(String(t.payments.length));
  header.ele('CtrlSum').txt(sepaAmount(total));
  header.ele('InitgPty').ele('Nm').txt(sepaText(t.debtor.name, 70));

  const info = root.ele('PmtInf');
  info.ele('PmtInfId').txt(sepaId(`${t.messageId}-1`));
  info.ele('PmtMtd').txt('TRF');
  info.ele('BtchBookg').txt(t.batchBooking ? 'true' : 'false');
  info.ele('NbOfTxs').txt(String(t.payments.length));
  info.ele('CtrlSum').txt(sepaAmount(total));
  info.ele('PmtTpInf').ele('SvcLvl').ele('Cd').txt('SEPA');
  if (v09) info.ele('ReqdExctnDt').ele('Dt').txt(t.executionDate);
  else info.ele('ReqdExctnDt').txt(t.executionDate);
  info.ele('Dbtr').ele('Nm').txt(sepaText(t.debtor.name, 70));
  info.ele('DbtrAcct').ele('Id').ele('IBAN').txt(t.debtor.iban);
  agent(info.ele('DbtrAgt'), t.debtor, v09, true);
  info.ele('ChrgBr').txt('SLEV');

  for (const p of t.payments) {
    const tx = info.ele('CdtTrfTxInf');
    tx.ele('PmtId').ele('EndToEndId').txt(sepaId(p.endToEndId));
    tx.ele('Amt').ele('InstdAmt', { Ccy: 'EUR' }).txt(sepaAmount(p.amount));
    if (p.creditor.bic) agent(tx.ele('CdtrAgt'), p.creditor, v09, false);
    tx.ele('Cdtr').ele('Nm').txt(sepaText(p.creditor.name, 70));
    tx.ele('CdtrAcct').ele('Id').ele('IBAN').txt(p.creditor.iban);
    if (p.remittance) tx.ele('RmtInf').ele('Ustrd').txt(p.remittance);
  }
  return doc.end({ prettyPrint: true });
}

/** A bank by its BIC; the debtor's bank without one is "NOTPROVIDED" (IBAN-only). */
function agent(
  parent: ReturnType<ReturnType<typeof create>['ele']>,
  party: SepaParty,
  v09: boolean,
  required: boolean,
): void {
  const id = parent.ele('FinInstnId');
  if (party.bic) id.ele(v09 ? 'BICFI' : 'BIC').txt(party.bic.toUpperCase());
  else if (required) id.ele('Othr').ele('Id').txt('NOTPROVIDED');
}
