/**
 * EN 16931 rule failures in words. The rule's own text (from the official rules) is kept; the
 * rules a bookkeeper meets most often get a plain sentence first, always with the rule id.
 */
export interface RuleFinding {
  id: string;
  severity: 'fatal' | 'warning';
  /** A plain sentence, ending with " — <rule id>". */
  message: string;
  /** The official rule text. */
  rule: string;
  /** Where in the file (XPath). */
  location: string;
  /** Set for the KoSIT XRechnung rules (BR-DE-…); absent for EN 16931's. */
  ruleSet?: 'XRechnung';
}

const PLAIN: Record<string, string> = {
  'BR-CO-10': 'the lines do not add up to the total of the lines',
  'BR-CO-11': 'the document allowances do not add up to their total',
  'BR-CO-12': 'the document charges do not add up to their total',
  'BR-CO-13': 'the total without VAT is not the lines less allowances plus charges',
  'BR-CO-14': 'the VAT total is not the sum of the VAT breakdown',
  'BR-CO-15': 'the total with VAT is not the total without VAT plus the VAT',
  'BR-CO-16': 'the amount due is not the total less what was prepaid plus rounding',
  'BR-CO-17': 'the VAT of a rate is not its taxable amount times the rate',
  'BR-CO-9': 'a VAT identifier does not start with a country code',
  'BR-CO-25': 'there is an amount due but neither a due date nor payment terms',
  'BR-CO-26': 'the seller is not identified (no VAT number, registration or identifier)',
  'BR-S-08': 'the taxable amount at a standard rate does not match its lines, allowances and charges',
  'BR-S-09': 'the VAT at a standard rate is not its taxable amount times the rate',
  'BR-01': 'the specification identifier is missing',
  'BR-02': 'the invoice number is missing',
  'BR-06': 'the seller’s name is missing',
  'BR-07': 'the buyer’s name is missing',
  'BR-16': 'the invoice has no lines',
  // XRechnung (KoSIT) rules, checked on files that claim XRechnung.
  'BR-DE-1': 'the payment instructions are missing',
  'BR-DE-2': 'the seller’s contact is missing',
  'BR-DE-3': 'the seller’s city is missing',
  'BR-DE-4': 'the seller’s post code is missing',
  'BR-DE-5': 'the seller’s contact name is missing',
  'BR-DE-6': 'the seller’s contact telephone number is missing',
  'BR-DE-7': 'the seller’s contact e-mail address is missing',
  'BR-DE-8': 'the buyer’s city is missing',
  'BR-DE-9': 'the buyer’s post code is missing',
  'BR-DE-15': 'the buyer reference (Leitweg-ID, BT-10) is missing',
  'BR-DE-16': 'the seller has neither a VAT number nor a tax number',
  'BR-DE-21': 'the specification identifier is not the one of XRechnung',
};

export function ruleFinding(
  id: string,
  severity: 'fatal' | 'warning',
  rule: string,
  location: string,
): RuleFinding {
  const ruleText = rule.replace(/\s+/g, ' ').trim();
  const own = ruleText.replace(/^\[[^\]]*\]\s*-?\s*/, '');
  const plain = PLAIN[id];
  const sentence = plain ? plain.charAt(0).toUpperCase() + plain.slice(1) : own || 'A rule failed';
  return { id, severity, message: `${sentence.replace(/\.$/, '')} — ${id}`, rule: ruleText, location };
}
