// Team mode's pg_dump copies follow the same retention settings as a laptop file's (issue 14):
// after each dump, this server's old pre-operation copies and whatever exceeds the size cap go;
// the newest stays, and another server's dumps in the same folder are left alone.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRuntime } from '../../main/runtime.ts';
import { findPgTool } from '../../main/storage/pg-dump.ts';
import { dropPgSchema, freshPgUrl, ok } from './helpers.ts';

const schemas: string[] = [];
afterAll(async () => {
  for (const u of schemas) await dropPgSchema(u);
});

const DAY = 24 * 60 * 60 * 1000;

/** A dump file with its sidecar, as pgDumpBackup leaves one (contents do not matter to rotation). */
function fakeDump(folder: string, name: string, side: Record<string, unknown>): string {
  const file = join(folder, name);
  writeFileSync(file, 'PGDMP');
  writeFileSync(`${file}.json`, JSON.stringify({ file, reason: 'manual', schemaVersion: 10, appVersion: '0.1.0', engine: 'postgres', ...side }));
  return file;
}

describe('team backups are rotated', { timeout: 120_000 }, () => {
  it("after a dump, this server's expired and over-cap dumps are deleted; the newest and another server's stay", async () => {
    expect(findPgTool('pg_dump')).not.toBeNull();
    const server = freshPgUrl();
    schemas.push(server);
    const data = mkdtempSync(join(tmpdir(), 'sakura-pgrot-'));
    let clock = new Date('2026-06-01T03:00:00.000Z');
    const rt = await startRuntime({ dbPath: server, door: 'test', listen: false, dataDir: data, now: () => clock });
    try {
      await ok(rt, 'backup/saveSettings', { dailyKeepDays: 14, operationKeepDays: 30, maxTotalMb: 10 });
      const first = await ok(rt, 'backup/create', {});
      const folder = join(data, 'backups');
      const source = (JSON.parse(readFileSync(`${first.file}.json`, 'utf8')) as { source: string }).source;
      const old = (days: number) => new Date(clock.getTime() - days * DAY).toISOString();
      const expired = fakeDump(folder, 'team-old-operation.dump', { kind: 'operation', createdAt: old(40), sizeBytes: 1000, source });
      const huge = fakeDump(folder, 'team-huge-manual.dump', { kind: 'manual', createdAt: old(5), sizeBytes: 20 * 1024 * 1024, source });
      const recentOp = fakeDump(folder, 'team-recent-operation.dump', { kind: 'operation', createdAt: old(3), sizeBytes: 1000, source });
      const theirs = fakeDump(folder, 'team-other-server.dump', { kind: 'operation', createdAt: old(400), sizeBytes: 50 * 1024 * 1024, source: 'elsewhere:5432/db#sakura' });
      expect((await ok(rt, 'backup/list', {})).items).toHaveLength(4);

      clock = new Date(clock.getTime() + 60_000);
      const second = await ok(rt, 'backup/create', {});
      for (const f of [expired, huge]) {
        expect(existsSync(f), f).toBe(false);
        expect(existsSync(`${f}.json`)).toBe(false);
      }
      for (const f of [first.file, second.file, recentOp, theirs]) expect(existsSync(f), f).toBe(true);
      expect((await ok(rt, 'backup/list', {})).items.map((b) => b.file)).toEqual([second.file, first.file, recentOp]);
    } finally {
      await rt.close();
    }
  });
});
