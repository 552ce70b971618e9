// The process the harness kills: opens the database through the app's runtime and works until
// SIGKILLed, printing one line per acknowledged commit (pipes are synchronous on Linux, and each
// line is written only after the call returned).
import { join, dirname } from 'node:path';
import { startRuntime } from '../../main/runtime.ts';
import { work } from './ops.ts';

const [dbPath, runText] = process.argv.slice(2);
const run = Number(runText);
const rt = await startRuntime({ dbPath: dbPath!, door: 'cli', user: 'stress', autoBackups: false });
const invoke = (name: string, input: unknown) => rt.invoke(name, input) as never;
const known = async () =>
  (await rt.open.db.selectFrom('application').select(['id', 'application_no as no']).orderBy('id', 'desc').limit(30).execute()) as { id: string; no: string }[];
process.stdout.write('ready\n');
await work(
  invoke,
  run,
  known,
  (a) => process.stdout.write(`ack ${JSON.stringify(a)}\n`),
  // Now and then a backup to a fixed file: a kill mid-copy must never leave a bad copy there.
  async (k) => {
    if (k % 7 === 6) {
      const r = await rt.invoke('backup/create', { out: join(dirname(dbPath!), 'stress-copy.sqlite') });
      if (!r.ok) throw new Error(`backup failed: ${r.error.message}`);
      process.stdout.write('ack-backup\n');
    }
  },
);
