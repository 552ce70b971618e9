// Review sheets: unique file names for reviewers who share a name, and nothing recorded until every
// file is written (the CLI door writes the files, then confirms the export).
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../main/cli/index.ts';
import { sheetFileNames } from '../../main/review/sheets.ts';
import { startRuntime } from '../../main/runtime.ts';
import { ok, sampleApplication } from './helpers.ts';

async function cli(dbPath: string, ...args: string[]) {
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  try {
    return { code: await main(['--db', dbPath, ...args]), stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('review sheet file names', () => {
  it('are unique for same-name reviewers: institution first, then a short id', () => {
    const names = sheetFileNames('2026-1', [
      { id: '01a2-0000-aaaa-111111', name: '佐藤 健', institution: '東北大学' },
      { id: '01a2-0000-aaaa-222222', name: '佐藤 健', institution: '九州大学' },
      { id: '01a2-0000-aaaa-333333', name: '佐藤 健', institution: '九州大学' },
      { id: '01a2-0000-aaaa-444444', name: '鈴木 花子', institution: null },
    ]);
    expect(names).toEqual([
      '審査シート_2026-1_佐藤_健_東北大学.xlsx',
      '審査シート_2026-1_佐藤_健_九州大学_222222.xlsx',
      '審査シート_2026-1_佐藤_健_九州大学_333333.xlsx',
      '審査シート_2026-1_鈴木_花子.xlsx',
    ]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('two same-name reviewers get two files, and a failed export records nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sakura-sheets-'));
    const dbPath = join(dir, 'db.sqlite');
    const rt = await startRuntime({ dbPath, door: 'test', user: 'seed' });
    const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
    const r1 = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '佐藤 健', institution: '名古屋大学' } });
    const r2 = await ok(rt, 'review/saveReviewer', { id: null, data: { name: '佐藤 健', institution: '九州大学' } });
    await ok(rt, 'review/assign', { applicationIds: [app.id], reviewerIds: [r1.id, r2.id] });
    await rt.close();

    const blocked = join(dir, 'not-a-folder');
    writeFileSync(blocked, 'x');
    expect((await cli(dbPath, 'export', 'review-sheets', '--fy', '2026', '--out', blocked)).code).toBe(1);
    const rt2 = await startRuntime({ dbPath, door: 'test', user: 'x' });
    expect(await rt2.open.db.selectFrom('review_export').selectAll().execute()).toEqual([]);
    await rt2.close();

    const out = join(dir, 'sheets');
    expect((await cli(dbPath, 'export', 'review-sheets', '--fy', '2026', '--out', out)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['審査シート_2026_佐藤_健_九州大学.xlsx', '審査シート_2026_佐藤_健_名古屋大学.xlsx']);
    const rt3 = await startRuntime({ dbPath, door: 'test', user: 'x' });
    expect(await rt3.open.db.selectFrom('review_export').selectAll().execute()).toHaveLength(2);
    await rt3.close();
  });
});
