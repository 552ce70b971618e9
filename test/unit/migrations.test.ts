// Atomic migrations: a failing one leaves schema and data exactly as they were; and an upgrade test
// per migration (a database at N−1 holding data, migrated to N, the data checked). To cover a new
// migration, add one row to `upgrades` below.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.ts';
import { openDatabase } from '../../db/open.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'sakura-mig-'));
const names = Object.keys(migrations).sort();

/** The first n migrations: a database "at version n". */
function upTo(n: number): Record<string, Migration> {
  return Object.fromEntries(names.slice(0, n).map((k) => [k, migrations[k]!]));
}

/** Schema and every row of every table, in a stable order: what "exactly as it was" compares. */
function snapshot(path: string): { schema: unknown[]; data: Record<string, unknown[]>; userVersion: unknown } {
  const raw = new BetterSqlite3(path, { readonly: true });
  try {
    const schema = raw.prepare("select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name").all();
    const data: Record<string, unknown[]> = {};
    for (const { name } of raw.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[]) {
      data[name] = raw.prepare(`select * from "${name}" order by 1, 2`).all();
    }
    return { schema, data, userVersion: raw.pragma('user_version', { simple: true }) };
  } finally {
    raw.close();
  }
}

const T = '2026-04-01T00:00:00.000Z';
function seedCore(raw: BetterSqlite3.Database): void {
  // Named columns: later migrations add columns with defaults (0008: row_version, updated_by).
  raw
    .prepare("insert into institution (id, name_ja, name_en, normalized_name, country, kind, created_at, updated_at) values ('inst-1', '東北大学', 'Tohoku University', '東北大学', 'JP', 'university', ?, ?)")
    .run(T, T);
  raw
    .prepare(
      `insert into application (id, fiscal_year, application_no, call_number, program, course, title, host_institution_id, applicant,
        field, mode, invitees, escorts, arrival, departure, requested_amount, status, violation_codes, warning_codes, created_at, updated_at)
       values ('app-1', 2026, 'A-001', 1, 'sakura', 'A', '防災技術', 'inst-1', '山田 太郎', 'science', 'in-person', 10, 1,
        '2026-07-01', '2026-07-07', 3000000, 'received', '', '', ?, ?)`,
    )
    .run(T, T);
}

interface Upgrade {
  /** The migration under test: the database is at the one before it. */
  migration: string;
  /** Data written at version N−1 (raw SQL: frozen in time, like the migrations). */
  seed(raw: BetterSqlite3.Database): void;
  /** What must hold at version N, beyond "every earlier row is unchanged". */
  check(raw: BetterSqlite3.Database): void;
}

const tableExists = (raw: BetterSqlite3.Database, t: string) =>
  raw.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(t) !== undefined;

const upgrades: Upgrade[] = [
  {
    migration: '0001-initial',
    seed: () => undefined,
    check: (raw) => expect((raw.prepare('select count(*) n from track_record').get() as { n: number }).n).toBe(6),
  },
  {
    migration: '0002-review',
    seed: seedCore,
    check: (raw) => {
      expect(tableExists(raw, 'reviewer')).toBe(true);
      raw.prepare("insert into reviewer values ('r1', '佐藤', '佐藤', 'internal', 'inst-1', null, '[]', '[]', '[]', null, 1, ?, ?)").run(T, T);
      raw.prepare("insert into review_assignment values ('as-1', 'app-1', 'r1', null, null, 'staff', ?, ?)").run(T, T);
    },
  },
  {
    migration: '0003-programs',
    seed: (raw) => {
      seedCore(raw);
      raw.prepare("insert into reviewer values ('r1', '佐藤', '佐藤', 'internal', 'inst-1', null, '[]', '[]', '[]', null, 1, ?, ?)").run(T, T);
    },
    check: (raw) => {
      raw
        .prepare("insert into participant (id, application_id, position, family_name, given_name, role, created_at, updated_at) values ('p1', 'app-1', 1, 'Nguyen', 'An', 'invitee', ?, ?)")
        .run(T, T);
      // at_host defaults to 1 for rows written without it.
      raw
        .prepare("insert into itinerary_slot (id, application_id, date, start_time, end_time, activity, kind, created_at, updated_at) values ('s1', 'app-1', '2026-07-02', '09:00', '12:00', '講義', 'lecture', ?, ?)")
        .run(T, T);
      expect((raw.prepare("select at_host from itinerary_slot where id = 's1'").get() as { at_host: number }).at_host).toBe(1);
    },
  },
  {
    migration: '0004-results',
    seed: (raw) => {
      seedCore(raw);
      raw
        .prepare("insert into participant (id, application_id, position, family_name, given_name, role, created_at, updated_at) values ('p1', 'app-1', 1, 'Nguyen', 'An', 'invitee', ?, ?)")
        .run(T, T);
    },
    check: (raw) => {
      raw.prepare("insert into program_result (id, application_id, summary, updated_by, created_at, updated_at) values ('res-1', 'app-1', '', 'staff', ?, ?)").run(T, T);
      raw.prepare("insert into follow_up values ('f1', 'p1', 'joint-paper', '2027-01-10', '', 'staff', ?, ?)").run(T, T);
    },
  },
  {
    migration: '0005-audit',
    seed: (raw) => {
      seedCore(raw);
      raw.prepare("insert into app_setting values ('results.reportDueDays', '30', 'staff', ?, ?)").run(T, T);
    },
    check: (raw) => {
      expect(raw.prepare('select count(*) n from audit_event').get()).toEqual({ n: 0 });
      raw.prepare("insert into audit_event values ('e1', ?, 'sato', 'applications/save', 'application', 'app-1', 'app-1', '{}')").run(T);
      const plan = raw.prepare("explain query plan select * from audit_event where application_id = 'app-1' order by at desc").all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('audit_event_application');
    },
  },
  {
    migration: '0006-selection',
    seed: (raw) => {
      seedCore(raw);
      raw
        .prepare("insert into application_status_change values ('sc-1', 'app-1', 'draft', 'received', '受付', 'staff', ?)")
        .run(T);
    },
    check: (raw) => {
      // The history written before keeps its rows, with no override reason.
      expect(raw.prepare("select override_reason from application_status_change where id = 'sc-1'").get()).toEqual({ override_reason: null });
      raw.prepare("insert into institution_alias values ('al-1', 'inst-1', '東北大', 'abbr', ?)").run(T);
      // One alias per institution and name.
      expect(() => raw.prepare("insert into institution_alias values ('al-2', 'inst-1', '東北大', 'abbr', ?)").run(T)).toThrow(/UNIQUE/);
    },
  },
  {
    migration: '0007-indexes',
    seed: (raw) => {
      seedCore(raw);
      raw.prepare("insert into application_country values ('app-1', 0, 'VN')").run();
    },
    check: (raw) => {
      const plan = raw.prepare("explain query plan select application_id from application_country where country = 'VN'").all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('application_country_country_app');
      expect(raw.prepare("select application_id from application_country where country = 'VN'").all()).toEqual([{ application_id: 'app-1' }]);
    },
  },
  {
    migration: '0008-team',
    seed: (raw) => {
      seedCore(raw);
      raw.prepare("insert into reviewer values ('r1', '佐藤', '佐藤', 'internal', 'inst-1', null, '[]', '[]', '[]', null, 1, ?, ?)").run(T, T);
    },
    check: (raw) => {
      // Rows that existed start at version 1 with no known editor; a save then names the next one.
      for (const table of ['application', 'reviewer', 'institution']) {
        expect(raw.prepare(`select row_version, updated_by from ${table}`).all(), table).toEqual([{ row_version: 1, updated_by: null }]);
      }
    },
  },
  {
    migration: '0009-covering-indexes',
    seed: (raw) => {
      seedCore(raw);
      raw.prepare("insert into application_country values ('app-1', 0, 'VN')").run();
    },
    check: (raw) => {
      // A year's breakdown by country reads both tables from the new indexes alone.
      const q = "select c.country, count(distinct a.id) as n from application_country c join application a on a.id = c.application_id where a.fiscal_year = 2026 group by c.country";
      const plan = (sql: string) => (raw.prepare(`explain query plan ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
      expect(plan(q)).toContain('COVERING INDEX application_fy_status_id');
      expect(plan("select country from application_country where application_id = 'app-1'")).toContain('COVERING INDEX application_country_app_country');
      expect(raw.prepare(q).all()).toEqual([{ country: 'VN', n: 1 }]);
    },
  },
  {
    migration: '0010-edit-versions',
    seed: (raw) => {
      // Named columns: at 0008 the institution table has grown past seedCore's positional insert.
      raw.prepare("insert into institution (id, name_ja, normalized_name, kind, created_at, updated_at) values ('inst-1', '東北大学', '東北大学', 'university', ?, ?)").run(T, T);
      raw
        .prepare(
          `insert into application (id, fiscal_year, application_no, call_number, program, course, title, host_institution_id, applicant,
            field, mode, invitees, escorts, arrival, departure, requested_amount, status, violation_codes, warning_codes, created_at, updated_at)
           values ('app-1', 2026, 'A-001', 1, 'sakura', 'A', '防災技術', 'inst-1', '山田 太郎', 'science', 'in-person', 10, 1,
            '2026-07-01', '2026-07-07', 3000000, 'adopted', '', '', ?, ?)`,
        )
        .run(T, T);
      raw.prepare("insert into call_round values ('c1', 2026, 1, '2026-04-01', '2026-05-31', 1000, ?, ?)").run(T, T);
      raw.prepare("insert into program_result (id, application_id, summary, updated_by, created_at, updated_at) values ('res-1', 'app-1', '', 'staff', ?, ?)").run(T, T);
    },
    check: (raw) => {
      // Existing records start at version 1 (calls with no known editor); a save then bumps them.
      expect(raw.prepare('select row_version, updated_by from call_round').all()).toEqual([{ row_version: 1, updated_by: null }]);
      expect(raw.prepare('select row_version from program_result').all()).toEqual([{ row_version: 1 }]);
      // A roster and an itinerary never saved in a form are at version 0, with no editor.
      expect(raw.prepare('select roster_version, roster_updated_by, itinerary_version, itinerary_updated_at from application').all()).toEqual([
        { roster_version: 0, roster_updated_by: null, itinerary_version: 0, itinerary_updated_at: null },
      ]);
      for (const table of ['review_rubric', 'follow_up', 'review', 'app_setting']) {
        expect(raw.prepare(`select name from pragma_table_info('${table}') where name = 'row_version'`).all(), table).toHaveLength(1);
      }
    },
  },
  {
    migration: '0011-country-year',
    seed: (raw) => {
      // Named columns: the institution and application tables have grown past seedCore's inserts.
      raw.prepare("insert into institution (id, name_ja, normalized_name, kind, created_at, updated_at) values ('inst-1', '東北大学', '東北大学', 'university', ?, ?)").run(T, T);
      for (const [id, fy, no] of [['app-1', 2025, 'A-001'], ['app-2', 2026, 'A-001']] as const) {
        raw
          .prepare(
            `insert into application (id, fiscal_year, application_no, call_number, program, course, title, host_institution_id, applicant,
              field, mode, invitees, escorts, arrival, departure, requested_amount, status, violation_codes, warning_codes, created_at, updated_at)
             values (?, ?, ?, 1, 'sakura', 'A', '防災技術', 'inst-1', '山田 太郎', 'science', 'in-person', 10, 1,
              '2026-07-01', '2026-07-07', 3000000, 'received', '', '', ?, ?)`,
          )
          .run(id, fy, no, T, T);
      }
      raw.prepare("insert into application_country values ('app-1', 0, 'VN'), ('app-2', 0, 'VN'), ('app-2', 1, 'TH')").run();
    },
    check: (raw) => {
      // Every country row carries its application's year…
      expect(raw.prepare('select application_id, position, fiscal_year from application_country order by application_id, position').all()).toEqual([
        { application_id: 'app-1', position: 0, fiscal_year: 2025 },
        { application_id: 'app-2', position: 0, fiscal_year: 2026 },
        { application_id: 'app-2', position: 1, fiscal_year: 2026 },
      ]);
      // …and one year of one country is one range of the new index.
      const q = "select application_id from application_country where country = 'VN' and fiscal_year = 2026";
      expect((raw.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((p) => p.detail).join(' ')).toContain('COVERING INDEX application_country_country_fy_app (country=? AND fiscal_year=?)');
      expect(raw.prepare(q).all()).toEqual([{ application_id: 'app-2' }]);
    },
  },
  {
    migration: '0012-program-checks',
    seed: (raw) => {
      raw.prepare("insert into institution (id, name_ja, normalized_name, kind, created_at, updated_at) values ('inst-1', '東北大学', '東北大学', 'university', ?, ?)").run(T, T);
      raw
        .prepare(
          `insert into application (id, fiscal_year, application_no, call_number, program, course, title, host_institution_id, applicant,
            field, mode, invitees, escorts, arrival, departure, requested_amount, status, violation_codes, warning_codes, created_at, updated_at)
           values ('app-1', 2026, 'A-001', 1, 'sakura', 'A', '防災技術', 'inst-1', '山田 太郎', 'science', 'in-person', 10, 1,
            '2026-07-01', '2026-07-07', 3000000, 'adopted', '', '', ?, ?)`,
        )
        .run(T, T);
    },
    check: (raw) => {
      raw.pragma('foreign_keys = ON');
      // An upgraded database holds no stored check: the list checks live until the backfill runs.
      expect(raw.prepare('select count(*) n from program_check').get()).toEqual({ n: 0 });
      raw.prepare("insert into program_check values ('app-1', 'k', 10, 1, 15, 'AGE_LIMIT', '')").run();
      expect(raw.prepare('select * from program_check').all()).toEqual([
        { application_id: 'app-1', check_key: 'k', invitees: 10, escorts: 1, slots: 15, violations: 'AGE_LIMIT', warnings: '' },
      ]);
      // Tied to its application: no check of an application that does not exist, and a deleted
      // application takes its check with it.
      expect(() => raw.prepare("insert into program_check values ('nope', 'k', 0, 0, 0, '', '')").run()).toThrow(/FOREIGN KEY/);
      raw.prepare("delete from application where id = 'app-1'").run();
      expect(raw.prepare('select count(*) n from program_check').get()).toEqual({ n: 0 });
      },
    },
    {
    migration: '0013-import-batch',
    seed: (raw) => {
      raw.prepare("insert into institution (id, name_ja, normalized_name, kind, created_at, updated_at) values ('inst-1', '東北大学', '東北大学', 'university', ?, ?)").run(T, T);
    },
    check: (raw) => {
      // Existing data is untouched and no import is pending after the upgrade.
      expect(raw.prepare('select count(*) from institution').pluck().get()).toBe(1);
      expect(raw.prepare('select count(*) from import_batch').pluck().get()).toBe(0);
      // A batch's journal: one entry per changed row, and it goes with its batch.
      raw.prepare("insert into import_batch values ('b1', 'applications', 'a.csv', 'staff', 'host:1', 'running', ?, null)").run(T);
      raw.prepare("insert into import_batch_row values ('b1', 'institution', 'inst-1', 'updated', '{}', 2)").run();
      expect(() => raw.prepare("insert into import_batch_row values ('b1', 'institution', 'inst-1', 'added', null, 1)").run()).toThrow(/UNIQUE|PRIMARY/);
      raw.pragma('foreign_keys = ON');
      raw.prepare("delete from import_batch where id = 'b1'").run();
      expect(raw.prepare('select count(*) from import_batch_row').pluck().get()).toBe(0);
    },
  },
];

describe('atomic migrations', () => {
  it('a failing migration leaves schema and data exactly as they were', async () => {
    const path = join(tmp(), 'db.sqlite');
    const o = await openDatabase(path);
    await o.db
      .insertInto('institution')
      .values({ id: 'i1', name_ja: '京都大学', name_en: null, normalized_name: '京都大学', country: 'JP', kind: 'university', created_at: T, updated_at: T })
      .execute();
    await o.close();
    const before = snapshot(path);

    const broken: Migration = {
      up: async (db) => {
        await db.schema.createTable('half_done').addColumn('id', 'text', (c) => c.primaryKey()).execute();
        await db.schema.alterTable('institution').addColumn('rank', 'integer').execute();
        await sql`update institution set name_ja = '書き換え'`.execute(db);
        await sql`insert into half_done values ('x')`.execute(db);
        throw new Error('step 4 of the migration fails');
      },
    };
    const err = await openDatabase(path, { migrations: { ...migrations, '9999-broken': broken } }).then(
      () => null,
      (e: unknown) => e as { code: string; messages: { ja: string; en: string } },
    );
    expect(err?.code).toBe('INTERNAL');
    expect(err?.messages.ja).toContain('9999-broken');
    expect(err?.messages.en).toContain('left exactly as it was');
    expect(snapshot(path)).toEqual(before);
    // …and the app still opens it normally afterwards.
    await (await openDatabase(path)).close();
  });

  it('has an upgrade test for every migration', () => {
    expect(upgrades.map((u) => u.migration)).toEqual(names);
  });

  for (const u of upgrades) {
    it(`upgrades a database holding data to ${u.migration}`, async () => {
      const n = names.indexOf(u.migration) + 1;
      const path = join(tmp(), 'db.sqlite');
      if (n > 1) {
        await (await openDatabase(path, { migrations: upTo(n - 1) })).close();
        const raw = new BetterSqlite3(path);
        u.seed(raw);
        raw.close();
      }
      const before = n > 1 ? snapshot(path) : { data: {} };
      const backups: string[][] = [];
      const o = await openDatabase(path, { migrations: upTo(n), beforeMigrate: (_raw, pending) => void backups.push(pending) });
      expect(o.raw.pragma('user_version', { simple: true })).toBe(n);
      await o.close();
      // A database that held data was offered for a backup before the migration touched it.
      expect(backups).toEqual(n > 1 ? [[u.migration]] : []);
      const after = snapshot(path);
      for (const [table, rows] of Object.entries(before.data)) {
        if (table === 'kysely_migration') continue;
        // Every earlier row is unchanged in every earlier column (a migration may add columns).
        const keep = (r: unknown) => Object.fromEntries(Object.keys(rows[0] ?? {}).map((k) => [k, (r as Record<string, unknown>)[k]]));
        expect(after.data[table]?.map(keep), table).toEqual(rows);
      }
      const raw = new BetterSqlite3(path);
      try {
        u.check(raw);
        expect(raw.pragma('foreign_key_check')).toEqual([]);
      } finally {
        raw.close();
      }
    });
  }
});
