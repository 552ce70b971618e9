// The import benches' bodies as one program, bundled and run by bench/import-jobs.ts so that their
// worker threads start as the app's do (import-worker.cjs, no TypeScript loader): from sources a
// worker spends about a second starting tsx and compiling, which is no part of the app's import.
// `node run.cjs NAME` prints {lines, rows}.
import { measureImport } from './import.ts';
import { measureImportDuring } from './import-during.ts';
import { measureImportJobs } from './import-jobs-measure.ts';
import type { BenchRow } from './common.ts';

const benches = { import: measureImport, 'import-during': measureImportDuring, 'import-jobs': measureImportJobs } satisfies Record<
  string,
  (log: (line: string) => void) => Promise<BenchRow[]>
>;
export type BundledBench = keyof typeof benches;

const name = process.argv[2] as BundledBench;
const lines: string[] = [];
benches[name]((l) => lines.push(l))
  .then((rows) => process.stdout.write(JSON.stringify({ lines, rows })))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
