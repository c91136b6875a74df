import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Finding and starting a worker thread, the same way for every worker (PDF rendering, CSV
 * parsing). The built app runs out/main/<name>.js (an entry of electron.vite.config.ts); the
 * sources (tests, `tsx`) run the .ts file through tsx. Null when neither is there: the caller
 * then does the work on its own thread.
 */
export interface WorkerScript {
  file: string;
  source: boolean;
}

export function workerScript(builtName: string, sourceFile: string): WorkerScript | null {
  if (__filename.endsWith('.ts')) return { file: sourceFile, source: true };
  // This file is bundled into an entry (out/main) or a shared chunk (out/main/chunks).
  for (const candidate of [
    path.join(__dirname, `${builtName}.js`),
    path.join(__dirname, '..', `${builtName}.js`),
  ]) {
    if (fs.existsSync(candidate)) return { file: candidate, source: false };
  }
  return null;
}

export function startWorker(script: WorkerScript): Worker {
  if (!script.source) return new Worker(script.file);
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(script.file)});`, {
    eval: true,
  });
}
