import type { DB } from '../db/open.ts';
import type { ApiEvents, EventName } from '../shared/api/index.ts';
import type { Lang } from '../shared/errors.ts';
import type { WriteGate } from './jobs/write-gate.ts';
import type { Storage } from './storage/types.ts';
import type { StoreControl } from './store/types.ts';

export type Door = 'electron' | 'web' | 'cli' | 'test';

/** Everything a handler may touch. Handlers get nothing else: no Electron, no HTTP, no argv. */
export interface Ctx {
  db: DB;
  /** The SQLite file, or in team mode the server URL with the password masked. */
  dbPath: string;
  engine: 'sqlite' | 'postgres';
  /** Team mode: "PostgreSQL 15.x host:port/db"; null for a file on this computer. */
  server: string | null;
  door: Door;
  /** Who is acting, recorded in histories (the OS account on a laptop). */
  user: string;
  lang: Lang;
  appVersion: string;
  schemaVersion: number;
  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void;
  /** Backups, restore and health of the database file; absent where no runtime provides it. */
  storage?: Storage;
  /** Which store to use (settings › データの保存先); absent where no door provides the choice. */
  stores?: StoreControl;
  /**
   * One writer at a time for a SQLite file (main/jobs/write-gate.ts): every write waits here, as a
   * promise, while another (a worker's import) holds SQLite's lock. Absent in team mode and tests.
   */
  writeGate?: WriteGate | undefined;
}
