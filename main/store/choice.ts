// The saved store choice: `store.json` in the app's settings folder (beside the laptop's database
// file, never inside it, since it decides which database opens). `--db` and SAKURA_DB win over it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from '../storage/backups.ts';
import { DB_FILE_NAME } from '../paths.ts';
import type { PasswordVault } from './types.ts';

export const STORE_FILE_NAME = 'store.json';

export type SavedStore = { kind: 'file' } | { kind: 'server'; url: string };

export function storeFile(dataDir: string): string {
  return join(dataDir, STORE_FILE_NAME);
}

/** The saved choice; the laptop's file when there is none or it cannot be read. */
export function readStoreChoice(dataDir: string): SavedStore {
  const file = storeFile(dataDir);
  if (!existsSync(file)) return { kind: 'file' };
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as { kind?: unknown; url?: unknown };
    if (v.kind === 'server' && typeof v.url === 'string' && /^postgres(ql)?:\/\//i.test(v.url)) return { kind: 'server', url: v.url };
  } catch (e) {
    // A damaged settings file must not keep staff out: they get their own file, and the log says why.
    console.error(`[sakura] ${file} could not be read; using this laptop's file:`, e instanceof Error ? e.message : e);
  }
  return { kind: 'file' };
}

export function writeStoreChoice(dataDir: string, choice: SavedStore): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileDurably(storeFile(dataDir), `${JSON.stringify(choice, null, 2)}\n`);
}

/** A URL's password taken out, so the saved URL never holds one. */
export function splitPassword(url: string): { url: string; password: string | undefined } {
  const u = new URL(url.trim());
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), password };
}

export interface ResolvedStore {
  /** A SQLite path or a postgres:// URL, as startRuntime takes it. */
  target: string;
  source: 'flag' | 'env' | 'settings' | 'default';
  password?: string;
}

/** `--db` wins, then SAKURA_DB, then the choice saved in settings, then the laptop's own file. */
export function resolveStore(o: { flag?: string; env?: NodeJS.ProcessEnv; dataDir: string; vault?: PasswordVault }): ResolvedStore {
  const env = o.env ?? process.env;
  if (o.flag && o.flag.trim()) return { target: o.flag, source: 'flag' };
  if (env.SAKURA_DB && env.SAKURA_DB.trim()) return { target: env.SAKURA_DB, source: 'env' };
  const saved = readStoreChoice(o.dataDir);
  if (saved.kind === 'server') return { target: saved.url, source: 'settings', password: o.vault?.load(saved.url) };
  return { target: join(o.dataDir, DB_FILE_NAME), source: 'default' };
}
