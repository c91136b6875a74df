import { normalizeDecimal } from './decimal';
import { isValidRate, RATE_SCALE } from './fx';

/**
 * THE parse for every number a person types (quantities, prices, tax rates, discount
 * percentages, exchange rates): the text in the user's locale becomes the canonical decimal
 * text the API and the domain use ("1.234,5" in de-DE → "1234.5").
 *
 *  - The locale's decimal separator is the decimal point; spaces, no-break spaces and
 *    apostrophes (1 234,5 · 1'234.5) are ignored.
 *  - The locale's grouping separator is accepted only between groups of three digits
 *    ("1.234,5" in de-DE, "1,234.5" in en-US).
 *  - Where that reading fails and the text has one other separator, that separator is read as
 *    the decimal point, so "12.5" typed in de-DE and "12,5" typed in en-US both mean 12½
 *    (but "1.500" in de-DE is fifteen hundred, as written).
 *
 * Returns null for text that is not a number or has more decimals than `scale`.
 */
export function parseDecimalInput(text: string, decimalSeparator: '.' | ',', scale: number): string | null {
  let s = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  let sign = '';
  if (s.startsWith('-') || s.startsWith('−')) {
    sign = '-';
    s = s.slice(1);
  }
  if (s === '') return null;
  const group = decimalSeparator === '.' ? ',' : '.';
  const read = (dec: string, grp: string): string | null => {
    const [units = '', fraction, ...rest] = s.split(dec);
    if (rest.length > 0) return null;
    const grouped = new RegExp(`^\\d{1,3}(\\${grp}\\d{3})+$`);
    const plain = /^\d*$/;
    if (!(plain.test(units) || grouped.test(units))) return null;
    if (fraction !== undefined && !/^\d*$/.test(fraction)) return null;
    const digits = units.split(grp).join('');
    if (digits === '' && !fraction) return null;
    return `${sign}${digits || '0'}${fraction ? '.' + fraction : ''}`;
  };
  const canonical =
    read(decimalSeparator, group) ??
    (!s.includes(decimalSeparator) && s.split(group).length === 2 ? read(group, decimalSeparator) : null);
  return canonical === null ? null : normalizeDecimal(canonical, scale);
}

/** Canonical decimal text ("1234.5") for showing in an input of the locale ("1234,5"). */
export function decimalForInput(canonical: string, decimalSeparator: '.' | ','): string {
  return decimalSeparator === ',' ? canonical.replace('.', ',') : canonical;
}

/** An exchange rate typed in the locale ("1,0845"): its canonical text, or null when not a rate above 0. */
export function parseRateInput(text: string, decimalSeparator: '.' | ','): string | null {
  const v = parseDecimalInput(text, decimalSeparator, RATE_SCALE);
  return v !== null && isValidRate(v) ? v : null;
}
