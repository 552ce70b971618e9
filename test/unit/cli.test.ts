import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The built CLI, as `npm run cli` runs it (vitest's global setup builds dist/node/cli.cjs once).
const CLI = join(process.cwd(), 'scripts', 'cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'sakura-cli-'));
const dbPath = join(dir, 'cli.sqlite');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, SAKURA_DB: dbPath } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+/);

describe('CLI door', () => {
  it('--help lists the commands and exits 0', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    for (const c of ['eligibility --json FILE', 'import applications FILE', 'list applications --json', 'stats --json']) {
      expect(r.stdout).toContain(c);
    }
  });

  it('an unknown command exits non-zero with a sentence', () => {
    const r = cli('frobnicate');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('不明なコマンド');
    noStack(r.stderr);
  });

  it('eligibility --json checks a plan without a database', () => {
    const plan = join(dir, 'plan.json');
    const participants = [
      ...Array.from({ length: 11 }, (_, i) => ({ role: 'invitee', birthDate: '2000-01-01', country: 'VN', institution: 'VNU' + (i % 1) })),
      { role: 'escort', birthDate: '1960-01-01', country: 'VN', institution: 'VNU0' },
    ];
    writeFileSync(
      plan,
      JSON.stringify({ program: 'open-call', course: 'A', fiscalYear: 2026, field: 'science', mode: 'in-person', arrival: '2026-07-01', departure: '2026-07-08', participants }),
    );
    const r = spawnSync(process.execPath, [CLI, 'eligibility', '--json', plan], {
      encoding: 'utf8',
      env: { ...process.env, SAKURA_DB: join(dir, 'never-created', 'x.sqlite') },
    });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.ruleSet.name).toContain('FY2026');
    expect(out.violations.map((v: { code: string }) => v.code).sort()).toEqual(['STAY_TOO_LONG', 'TOO_MANY_INVITEES']);
  });

  it('imports applications, lists them as JSON and prints statistics', () => {
    const file = join(dir, 'apps.csv');
    writeFileSync(
      file,
      '\uFEFF受付番号,年度,コース,タイトル,申請機関,申請者,送出し機関,送出し国・地域,分野,形態,招へい人数,引率者数,来日予定日,離日予定日,申請額\r\n' +
        'C-1,2026,A,体験,東北大学,山田,Universitas Indonesia,ID,科学技術,来日,9,1,2026/08/01,2026/08/07,"￥2,000,000"\r\n',
    );
    const imp = cli('import', 'applications', file);
    expect(imp.code).toBe(0);
    expect(imp.stdout).toContain('追加 1 件');
    const list = cli('list', 'applications', '--json', '--fy', '2026');
    expect(list.code).toBe(0);
    const apps = JSON.parse(list.stdout);
    expect(apps[0]).toMatchObject({
      applicationNo: 'C-1',
      fiscalYear: 2026,
      program: 'open-call',
      course: 'A',
      hostInstitution: '東北大学',
      sendingInstitutions: ['Universitas Indonesia'],
      countries: ['ID'],
      invitees: 9,
      escorts: 1,
      arrival: '2026-08-01',
      departure: '2026-08-07',
      requestedAmount: 2000000,
      status: 'received',
      violations: [],
    });
    const stats = JSON.parse(cli('stats', '--json').stdout);
    expect(stats.find((s: { fiscalYear: number }) => s.fiscalYear === 2014)).toMatchObject({ applications: 574, adoptions: 283 });
    expect(stats.find((s: { fiscalYear: number }) => s.fiscalYear === 2026)).toMatchObject({ applications: 1, adoptions: 0 });
  });

  it('a rejected import exits 1, names row and column, and writes nothing', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      '受付番号,年度,コース,タイトル,申請機関,申請者,送出し機関,送出し国・地域,分野,形態,招へい人数,引率者数,来日予定日,離日予定日,申請額\n' +
        'D-1,2026,A,体験,東北大学,山田,X Univ,ID,科学技術,来日,many,1,2026/08/01,2026/08/07,0\n',
    );
    const r = cli('--db', join(dir, 'bad.sqlite'), 'import', 'applications', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2行目');
    expect(r.stderr).toContain('招へい人数');
    noStack(r.stderr);
    expect(JSON.parse(cli('--db', join(dir, 'bad.sqlite'), 'list', 'applications', '--json').stdout)).toEqual([]);
  });

  it('refuses a file that is not a database with a clear sentence', () => {
    const notDb = join(dir, 'not-a-db.sqlite');
    writeFileSync(notDb, 'hello');
    const r = cli('--db', notDb, 'list', 'applications', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('データベースではありません');
    noStack(r.stderr);
  });
});
