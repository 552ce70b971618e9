// Team mode on a PostgreSQL server (issue 14): refusing a newer schema, roles and GRANTs, who is
// acting, live change events, `copy` both ways, and the done-when: the same import through
// `--db postgres://…` and through a SQLite file gives the same applications.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/open-postgres.ts';
import { startRuntime } from '../../main/runtime.ts';
import { teamSetup } from '../../main/team-setup.ts';
import { ok, pgSchemasForFile, sampleApplication, testPgUrl } from './helpers.ts';
import { cliCapture } from './cli-capture.ts';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(join(tmpdir(), 'sakura-team-'));
const schemaUrl = pgSchemasForFile();

/** The CLI's own entry, in this process (a spawned tsx costs seconds on a busy machine). */
const cli = cliCapture;

/** The real process once: exit status and streams as a shell sees them. */
function spawnCli(...args: string[]) {
  const r = spawnSync(TSX, ['main/cli/index.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: testPgUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A login role of the given group, and its connection URL on this schema. */
async function login(group: 'sakura_officer' | 'sakura_viewer', url: string): Promise<{ name: string; url: string }> {
  const name = `${group === 'sakura_officer' ? 'officer' : 'viewer'}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create role ${name} login password 'pw' in role ${group}`));
  const u = new URL(url);
  u.username = name;
  u.password = 'pw';
  return { name, url: u.toString() };
}

// Applications with violations, several countries and amounts, as staff would import them.
const HEADER = '\uFEFF受付番号,年度,コース,タイトル,申請機関,申請者,送出し機関,送出し国・地域,分野,形態,招へい人数,引率者数,来日予定日,離日予定日,申請額\r\n';
const ROWS = [
  'T-1,2026,A,AI とロボティクス,東北大学,山田,Universitas Indonesia,ID,科学技術,来日,9,1,2026/08/01,2026/08/07,"￥2,000,000"',
  'T-2,2026,A,防災,京都大学,佐藤,Vietnam National University,VN,科学技術,来日,30,1,2026/08/01,2026/08/30,"3,500,000"',
  'T-3,2026,B,海洋,Kyushu University,鈴木,"Chulalongkorn University;Mahidol University","TH;TH",科学技術,来日,12,2,2026/09/01,2026/09/08,1234567',
  'T-4,2026,C,農業,北海道大学,田中,University of the Philippines,PH,科学技術,オンライン,5,1,2026/10/01,2026/10/03,800000',
];

// Generous: these run real imports and copies on a shared, sometimes very busy machine.
describe('team mode on PostgreSQL', { timeout: 120_000 }, () => {
  it('the same import through --db postgres://… and through a SQLite file gives the same applications', async () => {
    const file = join(dir, 'apps.csv');
    writeFileSync(file, HEADER + ROWS.join('\r\n') + '\r\n');
    const file2 = join(dir, 'same.sqlite');
    const server = schemaUrl();
    for (const target of [file2, server]) {
      const r = await cli('--db', target, 'import', 'applications', file);
      expect(r.code, r.stderr).toBe(0);
    }
    const shape = (json: string) =>
      (JSON.parse(json) as Record<string, unknown>[]).map((a) => ({
        applicationNo: a.applicationNo,
        status: a.status,
        violations: a.violations,
        warnings: a.warnings,
        countries: a.countries,
        sendingInstitutions: a.sendingInstitutions,
        hostInstitution: a.hostInstitution,
        requestedAmount: a.requestedAmount,
        invitees: a.invitees,
      }));
    const fromFile = shape((await cli('--db', file2, 'list', 'applications', '--json')).stdout);
    const fromServer = shape((await cli('--db', server, 'list', 'applications', '--json')).stdout);
    expect(fromFile).toHaveLength(4);
    expect(fromFile.some((a) => (a.violations as unknown[]).length > 0)).toBe(true);
    expect(fromServer).toEqual(fromFile);
    const info = JSON.parse((await cli('--db', server, 'info')).stdout);
    expect(info).toMatchObject({ engine: 'postgres', user: 'postgres' });
    expect(info.server).toMatch(/^PostgreSQL 15/);
    expect(info.dbPath).not.toContain('sakura@'); // the password never shows
  });

  it('copy moves a laptop file to an empty server and back, ids kept, counts checked; a non-empty target exits 1 unchanged', async () => {
    const src = join(dir, 'laptop.sqlite');
    const rt = await startRuntime({ dbPath: src, door: 'test', user: 'laptop' });
    const a = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    await ok(rt, 'rulesets/save', { fiscalYear: 2026, values: (await ok(rt, 'rulesets/get', { fiscalYear: 2026 })).values, note: 'x' });
    await rt.close();

    const server = schemaUrl();
    const up = await cli('copy', '--from', src, '--to', server);
    expect(up.code, up.stderr).toBe(0);
    const report = JSON.parse(up.stdout);
    expect(report.tables.find((t: { table: string }) => t.table === 'application')).toEqual({ table: 'application', rows: 1 });
    const onServer = JSON.parse((await cli('--db', server, 'list', 'applications', '--json')).stdout);
    expect(onServer.map((x: { id: string }) => x.id)).toEqual([a.id]);

    // Again into the now full server: refused, exit 1, and nothing changed.
    const again = spawnCli('copy', '--from', src, '--to', server);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('空ではありません');
    expect(again.stderr).toContain('not empty');
    expect(JSON.parse((await cli('--db', server, 'list', 'applications', '--json')).stdout)).toHaveLength(1);

    const back = join(dir, 'offline.sqlite');
    const down = await cli('copy', '--from', server, '--to', back);
    expect(down.code, down.stderr).toBe(0);
    const offline = JSON.parse((await cli('--db', back, 'list', 'applications', '--json')).stdout);
    expect(offline).toEqual(onServer);
    const history = JSON.parse((await cli('--db', back, 'call', 'rulesets/history', JSON.stringify({ fiscalYear: 2026 }))).stdout);
    expect(history.items).toHaveLength(1);
    expect(history.total).toBe(1);
  });

  it('refuses a server whose schema is newer than the app, changing nothing', async () => {
    const url = schemaUrl();
    const first = await openPostgres(url);
    await first.db.insertInto('kysely_migration' as never).values({ name: '9999-future', timestamp: new Date().toISOString() } as never).execute();
    await first.close();
    await expect(openPostgres(url)).rejects.toMatchObject({ code: 'DB_TOO_NEW' });
    const r = await cli('--db', url, 'info');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('新しいバージョン');
  });

  it('team:setup makes roles and grants (twice is fine); officers write as themselves, viewers get a sentence', async () => {
    const url = schemaUrl();
    const once = await teamSetup(url);
    const twice = await teamSetup(url);
    expect(twice).toEqual(once);
    expect(once.roles).toEqual(['sakura_officer', 'sakura_viewer']);
    const officer = await login('sakura_officer', url);
    const viewer = await login('sakura_viewer', url);

    const o = await startRuntime({ dbPath: officer.url, door: 'test', listen: false });
    const v = await startRuntime({ dbPath: viewer.url, door: 'test', listen: false });
    try {
      expect((await ok(o, 'app/info', {})).user).toBe(officer.name);
      const saved = await ok(o, 'applications/save', { id: null, data: sampleApplication() });
      expect(saved.history[0]!.changedBy).toBe(officer.name);
      expect((await ok(v, 'applications/list', {})).total).toBe(1);
      const denied = await v.invoke('applications/setStatus', { id: saved.id, status: 'under-review' });
      expect(denied.ok).toBe(false);
      if (!denied.ok) {
        expect(denied.error.code).toBe('FORBIDDEN');
        expect(denied.error.details.messages.ja).toContain('閲覧のみ');
        expect(denied.error.details.messages.en).toContain('may only view');
      }
      expect((await ok(o, 'applications/get', { id: saved.id })).status).toBe('received');
      // Officers may not rewrite the schema's history.
      await expect(o.open.db.deleteFrom('kysely_migration' as never).execute()).rejects.toMatchObject({ code: '42501' });
    } finally {
      await o.close();
      await v.close();
    }
  });

  it("another officer's write reaches this process as a data/changed event", async () => {
    const url = schemaUrl();
    const me = await startRuntime({ dbPath: url, door: 'test' });
    const other = await startRuntime({ dbPath: url, door: 'test', listen: false });
    try {
      const got = new Promise<{ tables: string[]; by: string }>((resolve) => {
        me.events.on('event', (name: string, payload: { tables: string[]; by: string }) => {
          if (name === 'data/changed' && payload.tables.includes('application')) resolve(payload);
        });
      });
      await ok(other, 'applications/save', { id: null, data: sampleApplication() });
      const payload = await got;
      expect(payload.by).toBe('postgres');
      expect(payload.tables).toEqual(expect.arrayContaining(['application', 'application_status_change']));
    } finally {
      await me.close();
      await other.close();
    }
  });
});

