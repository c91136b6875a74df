import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openFolio } from '../src/main/app';
import { silentLogger } from '../src/main/log';
import { importEInvoiceFiles } from '../src/main/services/einvoice/import';
import { validateEn16931, validateEn16931Batch } from '../src/main/services/einvoice/validate';
import { stopRuleThreads } from '../src/main/services/einvoice/rule-threads';
import { CHUNK_MAX, prepareRuleThreads } from '../src/main/services/einvoice/validate-pool';
import { parseEInvoiceXml } from '../src/shared/domain/einvoice-in/detect';
import { draftFromEInvoice } from '../src/shared/domain/einvoice-in/map';
import { einvoiceExamples } from '../test/helpers/einvoice';
import { EMPTY_ADDRESS, setupInput } from '../test/helpers/folio';
import { tempDir } from '../test/helpers/tmp';
import { note, record } from './report';

/**
 * E-invoices in: importing 1,000 files (parse, validate against EN 16931, map, save), against
 * the budget of 10 s. The files are the official EN 16931 examples, each copy with its
 * own invoice number, so every one is read, checked and saved as a bill of its own (50 per
 * transaction, each in a savepoint). The budget applies to an import as a person meets it: the
 * next import of a session, and the first after the import screen opened (which starts and
 * warms the rule threads while the files are picked); the first import with no warning is
 * printed beside them. The stages are also timed apart: reading and mapping, and the EN 16931
 * rules (SaxonJS running the official XSLT compiled to SEF), which dominate. Since the machine
 * is shared, the import's CPU time (every thread of the process) and the load average are
 * printed beside its wall time: CPU time hardly moves with other people's load.
 * EINVOICE_BENCH_FILES sets the number of files (default 1,000).
 */
const FILES = Number(process.env.EINVOICE_BENCH_FILES ?? 1000);
const BUDGET_MS = 10_000;
const RATES = { USD: '0.9', SEK: '0.09', NOK: '0.085', DKK: '0.134', HUF: '0.0025', GBP: '1.17' };

function files(round = ''): { fileName: string; bytes: Buffer; syntax: 'UBL' | 'CII' }[] {
  const sources = einvoiceExamples().map((f) => ({
    name: path.basename(f),
    xml: fs.readFileSync(f, 'utf8'),
  }));
  const out = [];
  for (let i = 0; i < FILES; i++) {
    const s = sources[i % sources.length]!;
    const cii = s.xml.includes('CrossIndustryInvoice');
    // A number of its own (BT-1), so no two copies are the same invoice.
    const xml = cii
      ? s.xml.replace(/(<rsm:ExchangedDocument>\s*<ram:ID>)([^<]*)</, `$1$2-${round}${i}<`)
      : s.xml.replace(
          /(<\/cbc:ProfileID>\s*<cbc:ID>|<\/cbc:CustomizationID>\s*<cbc:ID>)([^<]*)</,
          `$1$2-${round}${i}<`,
        );
    out.push({
      fileName: `${i}-${s.name}`,
      bytes: Buffer.from(xml),
      syntax: (cii ? 'CII' : 'UBL') as 'UBL' | 'CII',
    });
  }
  return out;
}

export async function runEInvoicesIn(): Promise<void> {
  console.log(`\nE-invoices in (${FILES} files from the official EN 16931 examples)`);
  // The rule threads run the built worker, as the app does (`npm run bench` builds first), not
  // the sources through tsx (which compiles SaxonJS again in every thread, ~0.5 s each).
  const built = path.resolve('out/main/einvoice-worker.js');
  if (!process.env.FOLIO_EINVOICE_WORKER && fs.existsSync(built)) process.env.FOLIO_EINVOICE_WORKER = built;
  note('einvoices-in', 'rule threads run', process.env.FOLIO_EINVOICE_WORKER ?? 'the sources (tsx)');
  const batch = files();
  const tmp = tempDir('folio-bench-einv-');
  const folio = await openFolio({ dataDir: tmp.dir, mode: 'browser', version: 'bench', log: silentLogger });
  try {
    await folio.dispatch(
      'settings.completeSetup',
      setupInput({
        name: 'Bench Ltd',
        address: { ...EMPTY_ADDRESS, line1: '1 Main St', city: 'Dublin', country: 'Ireland' },
      }),
    );
    // Warm-up: load SaxonJS and both stylesheets once, as the first import of a session does.
    let t = performance.now();
    validateEn16931(batch.find((f) => f.syntax === 'UBL')!.bytes.toString(), 'UBL');
    validateEn16931(batch.find((f) => f.syntax === 'CII')!.bytes.toString(), 'CII');
    record('einvoices-in', 'load SaxonJS and both EN 16931 stylesheets (once)', performance.now() - t);

    t = performance.now();
    for (const f of batch) draftFromEInvoice(parseEInvoiceXml(f.bytes.toString()));
    const readMs = performance.now() - t;
    record('einvoices-in', `read and map ${FILES} files (no rules, no save)`, readMs);

    const sample = batch.slice(0, Math.min(100, FILES));
    t = performance.now();
    for (const f of sample) validateEn16931(f.bytes.toString(), f.syntax);
    const perFile = (performance.now() - t) / sample.length;
    record('einvoices-in', 'EN 16931 rules per file, one file per run (SaxonJS)', perFile);

    // The same files, CHUNK_MAX of one syntax per transformation, as the import runs them; the
    // CPU time per file of each syntax too (one thread here; it hardly moves with the load).
    t = performance.now();
    const cpuPerFile: Record<string, string> = {};
    for (const syntax of ['UBL', 'CII'] as const) {
      const of = sample.filter((f) => f.syntax === syntax).map((f) => f.bytes.toString());
      const before = process.cpuUsage();
      for (let k = 0; k < of.length; k += CHUNK_MAX) validateEn16931Batch(of.slice(k, k + CHUNK_MAX), syntax);
      const spent = process.cpuUsage(before);
      cpuPerFile[syntax] = `${((spent.user + spent.system) / 1000 / Math.max(1, of.length)).toFixed(1)} ms`;
    }
    const perFileBatched = (performance.now() - t) / sample.length;
    record('einvoices-in', `EN 16931 rules per file, ${CHUNK_MAX} files per run (SaxonJS)`, perFileBatched);
    note(
      'einvoices-in',
      'EN 16931 rules, CPU per file (UBL / CII)',
      `${cpuPerFile.UBL} / ${cpuPerFile.CII} (FOLIO_SAXON_AXES=${process.env.FOLIO_SAXON_AXES ?? 'faster'}, FOLIO_SAXON_LIFT=${process.env.FOLIO_SAXON_LIFT ?? 'on'}, FOLIO_SAXON_SCANS=${process.env.FOLIO_SAXON_SCANS ?? 'on'}, FOLIO_SAXON_CHILDREN=${process.env.FOLIO_SAXON_CHILDREN ?? 'on'}, FOLIO_SAXON_STEPS=${process.env.FOLIO_SAXON_STEPS ?? 'on'})`,
    );

    // Three imports, each with invoice numbers of its own. (1) A session's first import with
    // no warning: it starts the rule threads itself (each loads SaxonJS and the stylesheets, and
    // V8 compiles the rules' code on the first ~100 files). (2) The next import: the threads are
    // running, as for every later import of the session. (3) A session's first import as the
    // app runs it: the import screen asks for the threads when its file picker opens or files
    // are dragged over it (`einvoiceImport.prepare`), so they start and warm up while the person
    // picks the files; here the threads are ended first, as at the start of a session, and the
    // warm-up is timed on its own.
    let total = 0;
    const importRound = async (round: string, label: string, budget: boolean): Promise<number> => {
      const load = os.loadavg()[0]!;
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      const out = await importEInvoiceFiles(folio.ctx, round ? files(round) : batch, {
        commit: true,
        createVendors: true,
        exchangeRates: RATES,
      });
      const wall = performance.now() - t0;
      const used = process.cpuUsage(cpu);
      record(
        'einvoices-in',
        `import ${FILES} files (parse, validate, map, save), ${label}`,
        wall,
        budget ? (BUDGET_MS * FILES) / 1000 : undefined,
      );
      note(
        'einvoices-in',
        `the import’s CPU time, all threads (per file), ${label}`,
        `${((used.user + used.system) / 1e6).toFixed(1)} s (${((used.user + used.system) / 1000 / FILES).toFixed(1)} ms) on ${os.availableParallelism()} cores, load average ${load.toFixed(2)} at the start`,
      );
      note(
        'einvoices-in',
        `files imported / with warnings / refused, ${label}`,
        `${out.counts.ok}/${out.counts.withWarnings}/${out.counts.refused}`,
      );
      return wall;
    };
    await importRound('', 'first import, no warning: rule threads start with it', false);
    total = await importRound('b', 'next import, rule threads running', true);
    await stopRuleThreads();
    const warmCpu = process.cpuUsage();
    t = performance.now();
    const threads = await prepareRuleThreads();
    const warmUsed = process.cpuUsage(warmCpu);
    record(
      'einvoices-in',
      `import screen opened: ${threads} rule threads start and warm up`,
      performance.now() - t,
    );
    note(
      'einvoices-in',
      'the warm-up’s CPU time, all threads',
      `${((warmUsed.user + warmUsed.system) / 1e6).toFixed(1)} s (before the files arrive)`,
    );
    await importRound('c', 'first import of a session, after the import screen opened', true);
    note(
      'einvoices-in',
      'share of the time in the EN 16931 rules',
      `${Math.round(((perFileBatched * FILES) / total) * 100)}% of one core's time (the rules run on every core)`,
    );
  } finally {
    await folio.close();
    tmp.cleanup();
  }
}
