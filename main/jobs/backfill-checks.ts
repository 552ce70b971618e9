// Fills the stored program checks (migration 0012) that are missing or stale: a database from
// before 0012, a generated one, or one whose rules' code revision moved on. Short transactions of a
// few hundred programs each, every one through the write gate, so a save waits at most one chunk;
// the list is correct meanwhile (it checks live what is not stored). Idempotent: a second run finds
// nothing to do.
import type { DB } from '../../db/open.ts';
import { refreshProgramChecks, staleProgramIds } from '../../db/program-checks.ts';
import { noLock, type WriteLock } from './write-gate.ts';

export interface BackfillOptions {
  /** The process's write gate (main/jobs/write-gate.ts); none in team mode or a one-shot tool. */
  lock?: WriteLock | undefined;
  /** Programs read per chunk (and at most that many refreshed per transaction). */
  chunk?: number;
  /** Asked between chunks: true stops the backfill (the runtime is closing). */
  stopped?: () => boolean;
}

/** Returns how many checks were stored. */
export async function backfillProgramChecks(db: DB, o: BackfillOptions = {}): Promise<number> {
  const lock = o.lock ?? noLock;
  const chunk = o.chunk ?? 300;
  let after = '';
  let stored = 0;
  for (;;) {
    if (o.stopped?.()) break;
    const { ids, next } = await staleProgramIds(db, after, chunk);
    if (ids.length) stored += await lock(() => db.transaction().execute((trx) => refreshProgramChecks(trx, ids)));
    if (next === null) break;
    after = next;
    // Let the doors answer between chunks.
    await new Promise((r) => setImmediate(r));
  }
  return stored;
}
