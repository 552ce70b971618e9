// Chooses the store from one string: a postgres:// URL means the team server (team mode), anything
// else a SQLite file on this computer, as before.
import { openDatabase, type OpenDb } from './open.ts';
import type { OpenPg } from './open-postgres.ts';

export type OpenSqlite = OpenDb & { engine: 'sqlite'; server: null };
export type OpenStore = OpenSqlite | OpenPg;

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target.trim());
}

/** A URL with its password shown as `***` (for a store that has not opened: no parsed target yet). */
export function maskPassword(target: string): string {
  return target.replace(/^([a-z]+:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1:***@');
}

export async function openStore(target: string): Promise<OpenStore> {
  // Loaded only in team mode: a laptop's CLI call need not load the PostgreSQL driver.
  if (isPostgresUrl(target)) return (await import('./open-postgres.ts')).openPostgres(target);
  const open = await openDatabase(target);
  return Object.assign(open, { engine: 'sqlite' as const, server: null });
}

/** For the tests and tools that look at the SQLite file itself (pragmas, query plans). */
export function sqliteOf(open: OpenStore): OpenSqlite {
  if (open.engine !== 'sqlite') throw new Error('This needs the SQLite engine.');
  return open;
}
