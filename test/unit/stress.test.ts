// The short crash harness (10 kills of the direct child, 2 of the web-mode server); the full one
// is `npm run stress`. Plus proof that the checks catch what they claim to.
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runStress, verify } from '../../scripts/stress/harness.ts';

describe('crash harness', () => {
  it('10 SIGKILLs mid-import and mid-edit, 2 kill -9 of web mode: nothing acknowledged is lost', async () => {
    const r = await runStress({ kills: 10, webKills: 2, maxLifeMs: 800 });
    expect(r.failures).toEqual([]);
    expect(r.killsVerified).toBe(10);
    expect(r.webKillsVerified).toBe(2);
    expect(r.ackedImports).toBeGreaterThan(10);
    expect(r.ackedEdits).toBeGreaterThan(10);

    // The checks are not blind: a half-present import and a lost edit are reported.
    const raw = new BetterSqlite3(r.dbPath);
    const victim = raw.prepare("select application_no no from application where application_no like 'R1-B0-%' limit 1").get() as { no: string };
    raw.prepare('delete from application where application_no = ?').run(victim.no);
    raw.close();
    const problems = verify(r.dbPath, [{ kind: 'import', batch: 'R1-B0' }, { kind: 'edit', applicationNo: 'R1-B0-1', seq: Number.MAX_SAFE_INTEGER }]);
    expect(problems.join('\n')).toContain('import R1-B0 is half-present');
    expect(problems.join('\n')).toContain('acknowledged import R1-B0 is missing');
    expect(problems.join('\n')).toContain('acknowledged edit');
  }, 300_000);
});
