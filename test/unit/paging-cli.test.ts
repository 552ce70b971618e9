// `list assignments --json` pages through review/listAssignments (500 a page) and still prints one
// JSON array byte for byte as `JSON.stringify(all, null, 2)` did before the call was paged.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAssignments } from '../../db/review.ts';
import { generate } from '../../main/gen/generate.ts';
import { startRuntime, type Runtime } from '../../main/runtime.ts';

const CLI = join(process.cwd(), 'scripts', 'cli.mjs');
const dir = mkdtempSync(join(tmpdir(), 'sakura-paging-cli-'));
const dbPath = join(dir, 'cli.sqlite');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, '--db', dbPath, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

let rt: Runtime;
beforeAll(async () => {
  rt = await startRuntime({ dbPath, door: 'cli', user: 'paging-test' });
  await generate(rt.open.db, { years: 2, seed: 7, scale: 'realistic', today: '2026-12-01' });
}, 120_000);
afterAll(() => rt.close());

/** The old output: every assignment in one array, the fields the command has always printed. */
async function before(fiscalYear?: number): Promise<string> {
  const all = await listAssignments(rt.open.db, fiscalYear === undefined ? {} : { fiscalYear });
  const rows = all.map((a) => ({ id: a.id, applicationNo: a.applicationNo, fiscalYear: a.fiscalYear, reviewer: a.reviewer, reviewerInstitution: a.reviewerInstitution, status: a.status }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

describe('list assignments --json', () => {
  it('prints the whole array, page by page, byte-compatible with the unpaged output', async () => {
    for (const args of [['--fy', '2026'], [], ['--fy', '2019']]) {
      const r = cli('list', 'assignments', '--json', ...args);
      expect(r.status, r.stderr).toBe(0);
      const expected = await before(args[1] ? Number(args[1]) : undefined);
      expect(r.stdout).toBe(expected);
    }
    // Several pages' worth: the join between pages is exercised.
    expect((JSON.parse(cli('list', 'assignments', '--json').stdout) as unknown[]).length).toBeGreaterThan(1500);
  }, 120_000);
});
