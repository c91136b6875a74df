/**
 * npm run bench [suite...]: prints figures and ratios against the issues' budgets.
 * Medians of repeated runs, with a baseline measured in the same run, since the machine is
 * shared. It never fails: a figure over budget is reported as OVER.
 */
import { runFoundation } from './foundation';
import { runReceivables } from './receivables';
import { runDocuments } from './documents';
import { runPayables } from './payables';
import { runReports } from './reports';
import { runOpen } from './open';
import { runBank } from './bank';
import { runEInvoicesIn } from './einvoices-in';
import { runEinvoice } from './einvoice';
import { runEditor } from './editor';
import { runShared } from './shared';
import { summary } from './report';

const SUITES: Record<string, () => Promise<void>> = {
  foundation: runFoundation,
  receivables: runReceivables,
  documents: runDocuments,
  payables: runPayables,
  reports: runReports,
  open: runOpen,
  bank: runBank,
  'einvoices-in': runEInvoicesIn,
  einvoice: runEinvoice,
  editor: runEditor,
  shared: runShared,
};

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(SUITES);
  for (const name of names) {
    const suite = SUITES[name];
    if (!suite) {
      console.error(`Unknown suite "${name}". Suites: ${Object.keys(SUITES).join(', ')}`);
      process.exit(2);
    }
    await suite();
  }
  const over = summary().filter((r) => r.verdict === 'OVER');
  console.log(
    `\n${summary().length} figures; ${over.length} over budget${over.length ? ': ' + over.map((r) => r.name).join('; ') : ''}.`,
  );
}

void main();
