import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Reading PDFs back with poppler (pdftotext, pdfinfo) and checking them with qpdf, the way a
 * customer's viewer would see them. Nothing here looks at Folio's own code.
 */
function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-pdf-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page (pdftotext -layout), pages split at form feeds. */
export function pdfPages(pdf: Buffer): string[] {
  const text = withFile(pdf, (file) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).toString('utf8'),
  );
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** All text, with the spaces Intl puts in amounts (NBSP, narrow NBSP) made plain. */
export function pdfText(pdf: Buffer): string {
  return pdfPages(pdf)
    .join('\n')
    .replace(/[\u00a0\u202f]/g, ' ');
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withFile(pdf, (file) => execFileSync('pdfinfo', [file]).toString('utf8'));
  return Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** qpdf --check: exit 0 and no warnings. Returns qpdf's report. */
export function qpdfCheck(pdf: Buffer): { ok: boolean; report: string } {
  return withFile(pdf, (file) => {
    try {
      const report = execFileSync('qpdf', ['--check', file], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }).toString();
      return {
        ok: /No syntax or stream encoding errors found/.test(report) && !/WARNING/i.test(report),
        report,
      };
    } catch (error) {
      const e = error as { stdout?: Buffer; stderr?: Buffer };
      return { ok: false, report: `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}` };
    }
  });
}

/** Fonts as pdffonts lists them: name, embedded, subset, has a ToUnicode map. */
export function pdfFonts(pdf: Buffer): { name: string; emb: boolean; sub: boolean; uni: boolean }[] {
  const out = withFile(pdf, (file) => execFileSync('pdffonts', [file]).toString('utf8'));
  return out
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      const n = cols.length;
      return {
        name: cols[0]!,
        emb: cols[n - 5] === 'yes',
        sub: cols[n - 4] === 'yes',
        uni: cols[n - 3] === 'yes',
      };
    });
}

/** Page images (pdftoppm -png) written to `dir`, for looking at. */
export function pdfImages(pdf: Buffer, dir: string, prefix: string, dpi = 80): string[] {
  fs.mkdirSync(dir, { recursive: true });
  withFile(pdf, (file) =>
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, path.join(dir, prefix)]),
  );
  return fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.png'));
}
