// The pgpass file PostgreSQL's own tools read (psql, pg_dump): one `host:port:database:user:password`
// line per login, `*` matching anything, `:` and `\` escaped with `\`. Keeping the team server's
// password there (0600) means it is not in the app's settings file, and pg_dump finds it too.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PasswordVault } from './types.ts';

/** Where libpq looks: PGPASSFILE, else ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows). */
export function defaultPgpassFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PGPASSFILE) return env.PGPASSFILE;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'postgresql', 'pgpass.conf');
  return join(homedir(), '.pgpass');
}

export interface PgpassKey {
  host: string;
  port: string;
  database: string;
  user: string;
}

export function pgpassKeyOf(url: string): PgpassKey {
  const u = new URL(url);
  return {
    host: u.hostname || 'localhost',
    port: u.port || '5432',
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres',
    user: decodeURIComponent(u.username) || (process.env.PGUSER ?? ''),
  };
}

const escape = (s: string) => s.replace(/[\\:]/g, (c) => `\\${c}`);

/** Splits one line at unescaped colons, unescaping the fields. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) cur += line[++i];
    else if (c === ':') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const KEYS = ['host', 'port', 'database', 'user'] as const;

export function lookupPgpass(text: string, key: PgpassKey): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const f = fields(line);
    if (f.length < 5) continue;
    if (KEYS.every((k, i) => f[i] === '*' || f[i] === key[k])) return f.slice(4).join(':');
  }
  return undefined;
}

/** The file with this login's line replaced (or added at the end); other lines kept as they were. */
export function upsertPgpass(text: string, key: PgpassKey, password: string): string {
  const mine = KEYS.map((k) => escape(key[k])).join(':');
  const kept = text.split(/\r?\n/).filter((line) => {
    const f = fields(line);
    return !(f.length >= 5 && KEYS.every((k, i) => f[i] === key[k]));
  });
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  return `${[...kept, `${mine}:${escape(password)}`].join('\n')}\n`;
}

export function pgpassVault(file: string = defaultPgpassFile()): PasswordVault {
  const read = () => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  return {
    kind: 'pgpass',
    file,
    save(url, password) {
      mkdirSync(dirname(file), { recursive: true });
      // 0600 from the first byte (libpq ignores a pgpass file others can read), then one rename.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, upsertPgpass(read(), pgpassKeyOf(url), password), { mode: 0o600 });
      if (process.platform !== 'win32') chmodSync(tmp, 0o600);
      renameSync(tmp, file);
    },
    load: (url) => lookupPgpass(read(), pgpassKeyOf(url)),
  };
}
