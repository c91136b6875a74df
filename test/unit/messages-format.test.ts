import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  msg,
  setLanguageSource,
  SOURCE_LANGUAGE,
  translator,
  type MessageParams,
} from '../../src/shared/i18n';
import { CATALOGS, type Catalog } from '../../src/shared/i18n/catalogs';

/**
 * `msg` formats messages with arguments itself (compiled once per language and key); i18next
 * with i18next-icu is the reference. For every message with arguments in every language, with
 * every plural and select branch, the two give the same text.
 */
function keysOf(catalog: Catalog, prefix = ''): [string, string][] {
  return Object.entries(catalog).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : keysOf(v, `${prefix}${k}.`),
  );
}

/** Parameter sets that walk every branch of a message: a base set, then each choice varied. */
function paramSets(text: string): MessageParams[] {
  const base: MessageParams = {};
  const variants: [string, (string | number)[]][] = [];
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type === TYPE.argument) base[e.value] ??= 'Ann & <b>Co</b> ’s';
      else if (e.type === TYPE.number) base[e.value] ??= 1234.5;
      else if (e.type === TYPE.date || e.type === TYPE.time) base[e.value] = new Date('2026-11-30T10:20:00Z');
      else if (e.type === TYPE.plural) {
        base[e.value] = 2;
        variants.push([e.value, [0, 1, 2, 5, 21, 1000.5]]);
        for (const o of Object.values(e.options)) walk(o.value);
      } else if (e.type === TYPE.select) {
        base[e.value] = 'other';
        variants.push([e.value, [...Object.keys(e.options), 'none-of-these']]);
        for (const o of Object.values(e.options)) walk(o.value);
      } else if (e.type === TYPE.tag) walk(e.children);
    }
  };
  walk(parse(text, { ignoreTag: true }));
  const sets: MessageParams[] = [base];
  for (const [name, values] of variants) for (const v of values) sets.push({ ...base, [name]: v });
  return sets;
}

const withArguments = keysOf(CATALOGS[SOURCE_LANGUAGE]!).filter(([, text]) => /[{}'#]/.test(text));

afterAll(() => setLanguageSource(() => SOURCE_LANGUAGE));

describe('messages with arguments', () => {
  it('are many (the test walks the real catalogue)', () => {
    expect(withArguments.length).toBeGreaterThan(500);
  });

  it.each(LANGUAGES.map((l) => [l]))('in %s: msg gives what i18next gives, for every branch', (language) => {
    setLanguageSource(() => language);
    const t = translator(language);
    let compared = 0;
    for (const [key, text] of withArguments) {
      for (const params of paramSets(text)) {
        expect(msg(key, params), `${language} ${key} ${JSON.stringify(params)}`).toBe(
          t(key, params as Record<string, unknown>),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(withArguments.length);
  });

  it('a message given too few arguments reads as i18next reads it; an unknown key is the key', () => {
    setLanguageSource(() => 'de');
    const [key] = withArguments.find(([, text]) => /\{\w+\}/.test(text))!;
    expect(msg(key, {})).toBe(translator('de')(key, {}));
    expect(msg('no.such.key', { n: 1 })).toBe(translator('de')('no.such.key', { n: 1 }));
  });
});
