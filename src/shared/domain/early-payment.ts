import { divRound } from './bill-amounts';
import { addDays, type IsoDate } from './dates';
import { describeTerms, type PaymentTerms } from './terms';

/**
 * Early-payment discounts such as "2/10 net 30": 2% off when paid within 10 days of the
 * bill date, otherwise the full amount is due in 30 days. The discount is a share of the
 * bill's total, rounded half away from zero, and is taken only by a payment that settles
 * the whole remaining balance on or before the last discount day.
 */
export interface EarlyPaymentTerms {
  /** Discount in basis points: 200 = 2%. */
  discountBp: number;
  /** Days after the bill date the discount is available (inclusive). */
  days: number;
}

export function discountFor(total: number, terms: EarlyPaymentTerms): number {
  if (total <= 0) return 0;
  return divRound(BigInt(total) * BigInt(terms.discountBp), 10_000n);
}

/** The last day the discount can be taken. */
export function discountDeadline(billDate: IsoDate, terms: EarlyPaymentTerms): IsoDate {
  return addDays(billDate, terms.days);
}

/**
 * An early-payment discount is a reward for paying BEFORE the due date: its last day may not
 * come after the due date. Null when the window fits, else the message for the days field.
 */
export function earlyPaymentWindowError(
  billDate: IsoDate,
  dueDate: IsoDate,
  terms: Pick<EarlyPaymentTerms, 'days'>,
): string | null {
  if (addDays(billDate, terms.days) <= dueDate) return null;
  const max = Math.max(0, Math.round((Date.parse(dueDate) - Date.parse(billDate)) / 86_400_000));
  return `The discount must end by the due date, ${dueDate}: at most ${max} day${max === 1 ? '' : 's'} after the bill date.`;
}

export interface DiscountableBill {
  billDate: IsoDate;
  total: number;
  balance: number;
  discountTaken: number;
  earlyPayment: EarlyPaymentTerms | null;
}

export interface EarlyPaymentOffer {
  /** Pay on or before this date... */
  payBy: IsoDate;
  /** ...to save this much (minor units)... */
  save: number;
  /** ...by paying this much instead of the balance. */
  pay: number;
}

/**
 * "Pay by <date> to save <amount>", or null when there is no discount to capture on `on`:
 * no terms, the deadline has passed, a discount was already taken, or nothing is left to pay.
 */
export function earlyPaymentOffer(bill: DiscountableBill, on: IsoDate): EarlyPaymentOffer | null {
  if (!bill.earlyPayment || bill.discountTaken > 0 || bill.balance <= 0) return null;
  const payBy = discountDeadline(bill.billDate, bill.earlyPayment);
  if (on > payBy) return null;
  const save = discountFor(bill.total, bill.earlyPayment);
  if (save <= 0 || save >= bill.balance) return null;
  return { payBy, save, pay: bill.balance - save };
}

/** "2/10 net 30", "1.5/15 EOM + 10", or the terms alone when there is no discount. */
export function describeEarlyPaymentTerms(terms: PaymentTerms, early: EarlyPaymentTerms | null): string {
  if (!early) return describeTerms(terms);
  const pct = (early.discountBp / 100).toFixed(2).replace(/\.?0+$/, '');
  return `${pct}/${early.days} ${describeTerms(terms).toLowerCase()}`;
}

/**
 * Reads terms as people write them on bills and in spreadsheets: "net 30", "n30",
 * "2/10 net 30", "2/10 n/30", "2% 10 net 30", "due on receipt", "eom", "eom 10",
 * "end of month + 10". Returns null when the text is not understood.
 */
export function parseTermsText(
  text: string,
): { terms: PaymentTerms; earlyPayment: EarlyPaymentTerms | null } | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '') return null;
  let early: EarlyPaymentTerms | null = null;
  let rest = s;
  const discount = /^(\d{1,2}(?:\.\d{1,2})?)\s*%?\s*(?:\/|\s)\s*(\d{1,3})(?:\s*days?)?[\s,]+(.*)$/.exec(s);
  if (discount) {
    const bp = Math.round(Number(discount[1]) * 100);
    const days = Number(discount[2]);
    if (bp < 1 || bp > 5000 || days > 365) return null;
    early = { discountBp: bp, days };
    rest = discount[3]!.trim();
  }
  let terms: PaymentTerms | null = null;
  let m: RegExpExecArray | null;
  if (/^(due )?(on|upon) receipt$|^cod$|^immediate$/.test(rest)) terms = { kind: 'on_receipt' };
  else if ((m = /^(?:net|n)\s*\/?\s*(\d{1,3})(?: days?)?$/.exec(rest)))
    terms = { kind: 'net', days: Number(m[1]) };
  else if ((m = /^(?:eom|end of month)(?:\s*\+?\s*(\d{1,3})(?: days?)?)?$/.exec(rest)))
    terms = { kind: 'eom', days: Number(m[1] ?? 0) };
  if (!terms || (terms.kind !== 'on_receipt' && terms.days > 365)) return null;
  if (early && terms.kind === 'net' && early.days > terms.days) return null;
  return { terms, earlyPayment: early };
}
