// `copy --from A --to B` only reads A (issue 14): a laptop file at an older schema is migrated in a
// snapshot, not in place, so A keeps every byte (its -wal too) while B gets the data at the latest
// schema; a file of a newer app is refused, nothing created.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrations } from '../../db/migrations/index.ts';
import { openDatabase } from '../../db/open.ts';
import { cliCapture } from './cli-capture.ts';

const dir = mkdtempSync(join(tmpdir(), 'sakura-copysrc-'));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const OLD = 3;
const firstMigrations = (n: number): Record<string, Migration> =>
  Object.fromEntries(Object.keys(migrations).sort().slice(0, n).map((k) => [k, migrations[k]!]));

const T = '2026-05-01T00:00:00.000Z';
/** A laptop file as an app of schema version OLD left it, holding one host and two applications. */
async function oldFile(name: string): Promise<string> {
  const path = join(dir, name);
  const o = await openDatabase(path, { migrations: firstMigrations(OLD) });
  await o.close();
  const raw = new BetterSqlite3(path);
  // Raw SQL with named columns: frozen at that version, like the migrations.
  raw.prepare("insert into institution (id, name_ja, name_en, normalized_name, country, kind, created_at, updated_at) values ('inst-9', '京都大学', 'Kyoto University', '京都大学', 'JP', 'university', ?, ?)").run(T, T);
  const app = raw.prepare(
    `insert into application (id, fiscal_year, application_no, call_number, program, course, title, host_institution_id, applicant,
      field, mode, invitees, escorts, arrival, departure, requested_amount, status, violation_codes, warning_codes, created_at, updated_at)
     values (?, 2026, ?, 1, 'sakura', 'A', '防災', 'inst-9', '田中 花子', 'science', 'in-person', 8, 1, '2026-08-01', '2026-08-08', 2500000, 'received', '', '', ?, ?)`,
  );
  app.run('app-a', 'K-001', T, T);
  raw.close();
  return path;
}

describe('copy reads its SQLite source without writing to it', { timeout: 60_000 }, () => {
  it('an older-schema file (with a pending -wal): source sha256 unchanged, target at the latest schema, counts checked', async () => {
    const src = await oldFile('old.sqlite');
    // Another program still has it open with a committed row only in the WAL.
    const holder = new BetterSqlite3(src);
    holder.pragma('journal_mode = WAL');
    holder.pragma('wal_autocheckpoint = 0');
    holder.prepare(
      `insert into application (id, fiscal_year, application_no, call_number, program, course, title, host_institution_id, applicant,
        field, mode, invitees, escorts, arrival, departure, requested_amount, status, violation_codes, warning_codes, created_at, updated_at)
       values ('app-b', 2026, 'K-002', 1, 'sakura', 'B', '医療', 'inst-9', '佐藤 次郎', 'science', 'in-person', 5, 1, '2026-09-01', '2026-09-05', 1800000, 'received', '', '', ?, ?)`,
    ).run(T, T);
    try {
      expect(existsSync(`${src}-wal`)).toBe(true);
      const before = { db: sha(src), wal: sha(`${src}-wal`) };
      const to = join(dir, 'copy.sqlite');
      const r = await cliCapture('copy', '--from', src, '--to', to);
      expect(r.code, r.stderr).toBe(0);
      expect({ db: sha(src), wal: sha(`${src}-wal`) }).toEqual(before);
      const report = JSON.parse(r.stdout) as { from: string; tables: { table: string; rows: number }[] };
      expect(report.from).toBe(src);
      const rows = Object.fromEntries(report.tables.map((t) => [t.table, t.rows]));
      expect(rows).toMatchObject({ application: 2, institution: 1 });
      // The source is still at its old version: the migration ran on a snapshot.
      const old = new BetterSqlite3(src, { readonly: true });
      expect((old.prepare('select count(*) n from kysely_migration').get() as { n: number }).n).toBe(OLD);
      old.close();
      const out = new BetterSqlite3(to, { readonly: true });
      try {
        expect((out.prepare('select count(*) n from kysely_migration').get() as { n: number }).n).toBe(LATEST_SCHEMA_VERSION);
        expect(out.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
        expect(out.prepare('select id, application_no, requested_amount from application order by id').all()).toEqual([
          { id: 'app-a', application_no: 'K-001', requested_amount: 2500000 },
          { id: 'app-b', application_no: 'K-002', requested_amount: 1800000 },
        ]);
        expect((out.prepare('select count(*) n from application').get() as { n: number }).n).toBe(rows.application);
      } finally {
        out.close();
      }
    } finally {
      holder.close();
    }
  });

  it('a file of a newer app: exit 1, the source unchanged, no target created', async () => {
    const src = join(dir, 'newer.sqlite');
    const o = await openDatabase(src);
    await o.db.insertInto('kysely_migration' as never).values({ name: '9999-future', timestamp: T } as never).execute();
    await o.close();
    const before = sha(src);
    const to = join(dir, 'not-made.sqlite');
    const r = await cliCapture('copy', '--from', src, '--to', to);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('新しいバージョン');
    expect(sha(src)).toBe(before);
    expect(existsSync(to)).toBe(false);
  });
});
