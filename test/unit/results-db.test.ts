// Migration 0004: the tables it creates, the constraints the domain relies on, and the indexes the
// queries use (checked with EXPLAIN QUERY PLAN, as index migrations should be).
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../db/ids.ts';
import type { Runtime } from '../../main/runtime.ts';
import { sqliteOf } from '../../db/store.ts';
import { freshRuntime, testEngine } from './helpers.ts';
import { addParticipant, seedYear } from './results-seed.ts';

let rt: Runtime;
beforeEach(async () => {
  rt = await freshRuntime();
});
afterEach(() => rt.close());

describe('migration 0004-results', () => {
  it('creates program_result, follow_up and app_setting with the follow-up index', async () => {
    const names =
      rt.open.engine === 'sqlite'
        ? (sqliteOf(rt.open).raw.prepare("select name from sqlite_master where type in ('table', 'index') order by name").all() as { name: string }[]).map((r) => r.name)
        : (
            await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()
              union select indexname from pg_indexes where schemaname = current_schema()`.execute(rt.open.db)
          ).rows.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['program_result', 'follow_up', 'app_setting', 'follow_up_participant']));
    expect(rt.open.schemaVersion).toBeGreaterThanOrEqual(4);
  });

  it('looks up follow-ups by participant through the index, not a table scan', async () => {
    if (testEngine === 'postgres') {
      // PostgreSQL plans by statistics and scans an empty table; with scans priced out it must
      // still find the index usable.
      const plan = await rt.open.db.connection().execute(async (c) => {
        await sql`set enable_seqscan = off`.execute(c);
        const r = await sql<{ 'QUERY PLAN': string }>`explain select * from follow_up where participant_id = 'x' order by occurred_on`.execute(c);
        await sql`reset enable_seqscan`.execute(c);
        return r.rows.map((x) => x['QUERY PLAN']).join(' ');
      });
      expect(plan).toContain('follow_up_participant');
      return;
    }
    const plan = sqliteOf(rt.open).raw.prepare("explain query plan select * from follow_up where participant_id = ? order by occurred_on").all('x') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('USING INDEX follow_up_participant');
  });

  it('allows one result per program, and no follow-up for an unknown participant', async () => {
    const ids = await seedYear(rt);
    const now = nowIso();
    const row = { application_id: ids['A-1']!, summary: '', updated_by: 't', created_at: now, updated_at: now };
    await rt.open.db.insertInto('program_result').values({ id: newId(), ...row }).execute();
    await expect(rt.open.db.insertInto('program_result').values({ id: newId(), ...row }).execute()).rejects.toThrow(/unique/i);
    await expect(
      rt.open.db
        .insertInto('follow_up')
        .values({ id: newId(), participant_id: 'nobody', kind: 'other', occurred_on: '2027-01-01', note: '', recorded_by: 't', created_at: now, updated_at: now })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    const pid = await addParticipant(rt, ids['A-1']!, 'Nguyen An');
    await rt.open.db.deleteFrom('participant').where('id', '=', pid).execute();
    const count = await sql<{ n: number }>`select count(*) as n from follow_up`.execute(rt.open.db);
    expect(count.rows[0]!.n).toBe(0);
  });
});
