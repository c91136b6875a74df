import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  languageName,
  matchLanguage,
  msg,
  setLanguageSource,
  SOURCE_LANGUAGE,
  translator,
} from '../../src/shared/i18n';
import { CATALOGS, type Catalog } from '../../src/shared/i18n/catalogs';
import { parseCallEnvelope } from '../../src/shared/api/envelope';

const repo = resolve(__dirname, '../..');
const temp = mkdtempSync(join(tmpdir(), 'folio-i18n-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A copy of the catalogues and one source file that uses every key, to break on purpose. */
function fixture(name: string): string {
  const root = join(temp, name);
  cpSync(join(repo, 'src/shared/i18n'), join(root, 'src/shared/i18n'), { recursive: true });
  return root;
}
function check(root: string): { ok: boolean; output: string } {
  try {
    const out = execFileSync(process.execPath, [join(repo, 'scripts/i18n.mjs'), '--root', root], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { ok: true, output: out };
  } catch (error) {
    const e = error as { stdout: string; stderr: string };
    return { ok: false, output: e.stdout + e.stderr };
  }
}
const usesAllKeys = (root: string) => {
  const en = JSON.parse(readFileSync(join(root, 'src/shared/i18n/locales/en.json'), 'utf8')) as object;
  const keys: string[] = [];
  const walk = (o: object, p: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string') keys.push(p + k);
      else walk(v as object, `${p}${k}.`);
    }
  };
  walk(en, '');
  mkdirSync(join(root, 'src/renderer'), { recursive: true });
  writeFileSync(join(root, 'src/renderer/uses.ts'), keys.map((k) => `t('${k}');`).join('\n'));
};

describe('the message catalogues', () => {
  it('speak at least English, German, French and Spanish, with English first', () => {
    expect(LANGUAGES[0]).toBe('en');
    expect([...LANGUAGES].sort()).toEqual(expect.arrayContaining(['de', 'en', 'es', 'fr']));
    expect(languageName('de')).toBe('Deutsch');
    expect(languageName('fr')).toBe('Français');
  });

  it('match the system’s languages to one Folio speaks', () => {
    expect(matchLanguage(['de-AT', 'en-US'])).toBe('de');
    expect(matchLanguage(['pt-BR', 'fr-CA'])).toBe('fr');
    expect(matchLanguage(['pt-BR'])).toBe('en');
  });

  it('translate a key in each language and fall back to English for none', () => {
    expect(translator('de')('settings.preferences.language')).toBe('Sprache');
    expect(translator('fr')('settings.preferences.language')).toBe('Langue');
    expect(translator('xx')('settings.preferences.language')).toBe('Language');
  });

  it('give plain messages without starting ICU, word for word what i18next gives', () => {
    const keys: string[] = [];
    const walk = (o: Catalog, p: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (typeof v === 'string') keys.push(p + k);
        else walk(v, `${p}${k}.`);
      }
    };
    walk(CATALOGS.en!, '');
    try {
      for (const language of LANGUAGES) {
        setLanguageSource(() => language);
        const t = translator(language);
        const differ = keys.filter((k) => !/[{}'#]/.test(t(k)) && msg(k) !== t(k));
        expect(differ).toEqual([]);
      }
    } finally {
      setLanguageSource(() => SOURCE_LANGUAGE);
    }
  });

  it('pass the check as they are in the repository', () => {
    expect(check(repo)).toMatchObject({ ok: true });
  });

  it('fail the check when a language lacks a key, or a key is unused or unknown', () => {
    const missing = fixture('missing');
    usesAllKeys(missing);
    const dePath = join(missing, 'src/shared/i18n/locales/de.json');
    const de = JSON.parse(readFileSync(dePath, 'utf8')) as {
      settings: { preferences: Record<string, string> };
    };
    delete de.settings.preferences.language;
    writeFileSync(dePath, JSON.stringify(de));
    expect(check(missing)).toMatchObject({
      ok: false,
      output: expect.stringContaining('de.json: missing key settings.preferences.language'),
    });

    const unused = fixture('unused');
    expect(check(unused)).toMatchObject({ ok: false, output: expect.stringContaining('is not used in src') });

    const unknown = fixture('unknown');
    usesAllKeys(unknown);
    writeFileSync(join(unknown, 'src/renderer/more.tsx'), "t('settings.preferences.nope');\n");
    expect(check(unknown)).toMatchObject({
      ok: false,
      output: expect.stringContaining('key settings.preferences.nope is not in en.json'),
    });
  });

  it('fail the check when a translation loses an argument (an apostrophe quoting a brace)', () => {
    const broken = fixture('broken');
    usesAllKeys(broken);
    const frPath = join(broken, 'src/shared/i18n/locales/fr.json');
    const fr = JSON.parse(readFileSync(frPath, 'utf8')) as {
      settings: { preferences: Record<string, string> };
    };
    fr.settings.preferences.languageAuto = "Comme l'{language}";
    writeFileSync(frPath, JSON.stringify(fr));
    expect(check(broken)).toMatchObject({ ok: false, output: expect.stringContaining('missing {language}') });
  });
});

describe('the lint for untranslated words on screens', () => {
  it('refuses a visible literal in JSX and in an attribute, and accepts t()', async () => {
    const eslint = new ESLint({ cwd: repo });
    const file = join(repo, 'src/renderer/src/pages/probe/Probe.tsx');
    const lint = async (code: string) =>
      (await eslint.lintText(code, { filePath: file }))[0]!.messages.filter(
        (m) => m.ruleId === 'i18next/no-literal-string',
      ).length;
    expect(
      await lint('export function A() {\n  return <button type="submit">Save preferences</button>;\n}\n'),
    ).toBe(1);
    expect(await lint('export function A() {\n  return <input aria-label="Customer name" />;\n}\n')).toBe(1);
    expect(
      await lint(
        "export function A({ t }: { t: (k: string) => string }) {\n  return <button>{t('x.y')}</button>;\n}\n",
      ),
    ).toBe(0);
  });
});

describe('the language of a call', () => {
  it('travels in the envelope as a two-letter code, and nothing else is accepted', () => {
    expect(parseCallEnvelope({ method: 'settings.get', input: {}, lang: 'de' })).toEqual({
      ok: true,
      call: { method: 'settings.get', input: {}, lang: 'de' },
    });
    expect(parseCallEnvelope({ method: 'settings.get', input: {}, lang: '../../etc' }).ok).toBe(false);
    expect(parseCallEnvelope({ method: 'settings.get', input: {}, lang: 7 }).ok).toBe(false);
  });
});
