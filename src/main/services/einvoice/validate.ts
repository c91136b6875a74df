import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { EInvoiceSyntax } from '../../../shared/domain/einvoice-in/model';
import { ruleFinding, type RuleFinding } from '../../../shared/domain/einvoice-in/rules';
import { all, attr, parseXml, txt } from '../../../shared/domain/einvoice-in/xml';
import { findUp } from '../../pdf/assets';

/**
 * EN 16931 validation at runtime: the official compiled XSLT (CEN, EUPL 1.2), exported once to
 * SaxonJS's SEF format by `scripts/einvoice-sef.mjs` and shipped in `assets/einvoice/`, run by
 * SaxonJS (no Java). The SVRL it produces lists each failed rule; `fatal` (or no flag) is a
 * rule failure, `warning` is advice. Each stylesheet is loaded once per process (~0.1 s).
 */
export const SEF_FILES: Record<EInvoiceSyntax, string> = {
  UBL: 'assets/einvoice/EN16931-UBL-validation.sef.json',
  CII: 'assets/einvoice/EN16931-CII-validation.sef.json',
};

/**
 * The KoSIT XRechnung 3.0 CIUS rules (Apache 2.0), compiled from their schematron to SEF by
 * `scripts/xrechnung-sef.ts`: run, in addition to EN 16931, on files that claim XRechnung.
 */
export const XRECHNUNG_SEF_FILES: Record<EInvoiceSyntax, string> = {
  UBL: 'assets/einvoice/XRechnung-UBL-validation.sef.json',
  CII: 'assets/einvoice/XRechnung-CII-validation.sef.json',
};

/** A file claims XRechnung when its specification identifier (BT-24) names it. */
export function claimsXRechnung(customizationId: string): boolean {
  return /xrechnung/i.test(customizationId);
}

type Saxon = typeof import('saxon-js').default;
let saxon: Saxon | null = null;
const stylesheets = new Map<string, unknown>();

function engine(): Saxon {
  // Loaded on first use: SaxonJS is ~2 MB of JavaScript that only imports need.
  saxon ??= createRequire(__filename)('saxon-js') as Saxon;
  return saxon;
}

function stylesheet(file: string): unknown {
  let sef = stylesheets.get(file);
  if (!sef) {
    sef = JSON.parse(fs.readFileSync(findUp(file), 'utf8'));
    stylesheets.set(file, sef);
  }
  return sef;
}

function run(file: string, xml: string): string {
  return engine().transform(
    { stylesheetInternal: stylesheet(file), sourceText: xml, destination: 'serialized' },
    'sync',
  ).principalResult;
}

/** The failed EN 16931 rules of an e-invoice (already checked to have no DOCTYPE). */
export function validateEn16931(xml: string, syntax: EInvoiceSyntax): RuleFinding[] {
  return findingsFromSvrl(run(SEF_FILES[syntax], xml));
}

/** The failed XRechnung (KoSIT) rules of an e-invoice, marked as XRechnung's. */
export function validateXRechnung(xml: string, syntax: EInvoiceSyntax): RuleFinding[] {
  return findingsFromSvrl(run(XRECHNUNG_SEF_FILES[syntax], xml)).map((f) => ({ ...f, ruleSet: 'XRechnung' }));
}

/** EN 16931, and XRechnung's rules too when the file claims XRechnung. */
export function checkRules(xml: string, syntax: EInvoiceSyntax, xrechnung: boolean): RuleFinding[] {
  const findings = validateEn16931(xml, syntax);
  return xrechnung ? [...findings, ...validateXRechnung(xml, syntax)] : findings;
}

export function findingsFromSvrl(svrl: string): RuleFinding[] {
  const { node } = parseXml(svrl);
  const seen = new Set<string>();
  const findings: RuleFinding[] = [];
  for (const f of all(node, 'failed-assert')) {
    const flag = attr(f, 'flag') || 'fatal';
    const id = attr(f, 'id') || 'EN16931';
    const finding = ruleFinding(
      id,
      flag === 'warning' ? 'warning' : 'fatal',
      txt(f, 'text'),
      attr(f, 'location'),
    );
    const key = `${finding.id}|${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  return findings;
}
