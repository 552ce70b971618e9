// The import-jobs benchmark's body as its own program, bundled and run by bench/import-jobs.ts so
// that its worker threads start as the app's do (no TypeScript loader). Prints {lines, rows}.
import { measureImportJobs } from './import-jobs-measure.ts';

const lines: string[] = [];
measureImportJobs((l) => lines.push(l))
  .then((rows) => process.stdout.write(JSON.stringify({ lines, rows })))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
