import { msg } from '../../i18n';

/**
 * EN 16931 rule failures in words. The rule's own text (from the official rules) is kept; the
 * rules a bookkeeper meets most often get a plain sentence first, always with the rule id.
 * The rules run on other threads and their findings are cached by file content, so they come
 * back as `RawFinding`s (id, flag, official text, location) and are put in words here, on the
 * main side, in the language of the person importing (`msg`).
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

/** A failed rule as the rules report it, before it is put in words. */
export type RawFinding = Omit<RuleFinding, 'message'>;

/** The rules with a plain sentence of our own (the others keep the official text). */
const PLAIN = {
  'BR-CO-10': 'einvoiceErrors.rules.brCo10',
  'BR-CO-11': 'einvoiceErrors.rules.brCo11',
  'BR-CO-12': 'einvoiceErrors.rules.brCo12',
  'BR-CO-13': 'einvoiceErrors.rules.brCo13',
  'BR-CO-14': 'einvoiceErrors.rules.brCo14',
  'BR-CO-15': 'einvoiceErrors.rules.brCo15',
  'BR-CO-16': 'einvoiceErrors.rules.brCo16',
  'BR-CO-17': 'einvoiceErrors.rules.brCo17',
  'BR-CO-9': 'einvoiceErrors.rules.brCo9',
  'BR-CO-25': 'einvoiceErrors.rules.brCo25',
  'BR-CO-26': 'einvoiceErrors.rules.brCo26',
  'BR-S-08': 'einvoiceErrors.rules.brS08',
  'BR-S-09': 'einvoiceErrors.rules.brS09',
  'BR-01': 'einvoiceErrors.rules.br01',
  'BR-02': 'einvoiceErrors.rules.br02',
  'BR-06': 'einvoiceErrors.rules.br06',
  'BR-07': 'einvoiceErrors.rules.br07',
  'BR-16': 'einvoiceErrors.rules.br16',
  'BR-DE-1': 'einvoiceErrors.rules.brDe1',
  'BR-DE-2': 'einvoiceErrors.rules.brDe2',
  'BR-DE-3': 'einvoiceErrors.rules.brDe3',
  'BR-DE-4': 'einvoiceErrors.rules.brDe4',
  'BR-DE-5': 'einvoiceErrors.rules.brDe5',
  'BR-DE-6': 'einvoiceErrors.rules.brDe6',
  'BR-DE-7': 'einvoiceErrors.rules.brDe7',
  'BR-DE-8': 'einvoiceErrors.rules.brDe8',
  'BR-DE-9': 'einvoiceErrors.rules.brDe9',
  'BR-DE-15': 'einvoiceErrors.rules.brDe15',
  'BR-DE-16': 'einvoiceErrors.rules.brDe16',
  'BR-DE-21': 'einvoiceErrors.rules.brDe21',
} as const satisfies Record<string, string>;

const hasPlain = (id: string): id is keyof typeof PLAIN => Object.prototype.hasOwnProperty.call(PLAIN, id);

/** A failed rule as reported: its official text with whitespace collapsed. */
export function rawFinding(
  id: string,
  severity: 'fatal' | 'warning',
  rule: string,
  location: string,
): RawFinding {
  return { id, severity, rule: rule.replace(/\s+/g, ' ').trim(), location };
}

/** A failed rule in words, in the current language (see `msg`). */
export function inWords(raw: RawFinding): RuleFinding {
  const own = raw.rule.replace(/^\[[^\]]*\]\s*-?\s*/, '').replace(/\.$/, '');
  const sentence = hasPlain(raw.id) ? msg(PLAIN[raw.id]) : own || msg('einvoiceErrors.rules.unnamed');
  const finding: RuleFinding = {
    id: raw.id,
    severity: raw.severity,
    message: msg('einvoiceErrors.rules.finding', { sentence, id: raw.id }),
    rule: raw.rule,
    location: raw.location,
  };
  if (raw.ruleSet) finding.ruleSet = raw.ruleSet;
  return finding;
}

/** The findings of a file in words, each sentence once (a rule fails once per place). */
export function findingsInWords(raws: readonly RawFinding[]): RuleFinding[] {
  const seen = new Set<string>();
  const out: RuleFinding[] = [];
  for (const raw of raws) {
    const f = inWords(raw);
    const key = `${f.id}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** The finding of a file whose rules could not be run. */
export function rulesFailedFinding(error: string): RuleFinding {
  return inWords({
    id: 'EN16931',
    severity: 'fatal',
    rule: msg('einvoiceErrors.rules.couldNotRun', { error: error.slice(0, 200) }),
    location: '',
  });
}
