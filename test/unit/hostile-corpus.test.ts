// The hostile-input corpus (test/corpus/build.ts) run over every importer in a child process
// (test/corpus/run.ts, bundled with esbuild so the figures are the importers', not tsx's): each
// file is imported correctly or refused clearly with nothing written (data_version seen from a
// second connection), nothing crashes (no INTERNAL) or hangs, and every file's peak RSS stays
// under 300 MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, IMPORTERS, type CorpusFile } from '../corpus/build.ts';

const PEAK_RSS_LIMIT_MB = 300;
const root = process.cwd();

interface Outcome {
  importer: string;
  ok: boolean;
  code: string | null;
  message: string | null;
  changed: boolean;
  ms: number;
  stored: { applications?: number; firstTitle?: string; arrival?: string; participants?: number; names?: string[] };
}
interface FileResult {
  name: string;
  bytes: number;
  peakRssMb: number;
  results: Outcome[];
}

// Built at collection time (synchronous, a few seconds), so each file is its own test case.
const work = mkdtempSync(join(tmpdir(), 'sakura-corpus-'));
const files: CorpusFile[] = buildCorpus(join(work, 'files'));
const results = new Map<string, FileResult>();

beforeAll(async () => {
  await build({
    absWorkingDir: root,
    entryPoints: ['test/corpus/run.ts'],
    outfile: join(work, 'run.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'warning',
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  });
  // One child per file: each file's peak is its own, with no heap left over from the file before.
  for (const f of files) {
    const r = spawnSync(process.execPath, ['--expose-gc', join(work, 'run.cjs'), join(work, 'files'), f.name], {
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
      // A hang is a failure.
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`corpus run of ${f.name} failed (${r.status ?? r.signal}): ${r.stderr.slice(0, 4000)}`);
    const line = JSON.parse(r.stdout.trim()) as FileResult;
    results.set(line.name, line);
  }
  const worst = [...results.values()].sort((a, b) => b.peakRssMb - a.peakRssMb)[0]!;
  console.log(`hostile corpus: ${results.size} files × ${IMPORTERS.length} importers; worst peak RSS ${worst.peakRssMb} MB (${worst.name})`);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('hostile-input corpus', () => {
  it('covers every case the issue lists', () => {
    const names = files.map((f) => f.name);
    for (const n of [
      'bomb-one-large-entry.xlsx',
      'bomb-many-entries.xlsx',
      'bomb-many-large-entries.xlsx',
      'huge-dimension.xlsx',
      'entity-expansion.xlsx',
      'shared-string-out-of-range.xlsx',
      'proto-keys.xlsx',
      'error-values.xlsx',
      'formula-no-cached-value.xlsx',
      'date-serial-60.xlsx',
      'date-1904.xlsx',
      'truncated.xlsx',
      'old-format.xls',
      'spreadsheet.ods',
      'junk.xlsx',
      'broken-quotes.csv',
      'ragged-rows.csv',
      'nul-bytes.csv',
      'cell-10mb.csv',
      'utf16le-bom.csv',
      'utf16le-no-bom.csv',
      'cp932-extensions.csv',
      'empty.csv',
      'bom-only.csv',
      'header-only.csv',
      'rows-100k.csv',
      'rows-100k-applications.csv',
    ]) {
      expect(names).toContain(n);
    }
    expect(results.size).toBe(files.length);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s: imported correctly or refused with nothing written, within 300 MB', (_name, f) => {
    const r = results.get(f.name)!;
    expect(r, f.name).toBeDefined();
    expect(r.peakRssMb, `${f.name} peak RSS`).toBeLessThan(PEAK_RSS_LIMIT_MB);
    for (const o of r.results) {
      const where = `${f.name} → ${o.importer}`;
      expect(o.code, where).not.toBe('INTERNAL');
      expect(o.ms, `${where} took too long`).toBeLessThan(30_000);
      if (f.accepts.includes(o.importer as never)) {
        expect(o.ok, `${where}: ${o.message}`).toBe(true);
        expect(o.changed, where).toBe(true);
        const c = f.check ?? {};
        if (c.applications !== undefined) expect(o.stored.applications, where).toBe(c.applications);
        if (c.firstTitle !== undefined) expect(o.stored.firstTitle, where).toBe(c.firstTitle);
        if (c.arrival !== undefined) expect(o.stored.arrival, where).toBe(c.arrival);
        if (c.participants !== undefined) expect(o.stored.participants, where).toBe(c.participants);
        if (c.names !== undefined) expect(o.stored.names, where).toEqual(c.names);
      } else {
        expect(o.ok, where).toBe(false);
        expect(o.code, where).toBe('IMPORT_REJECTED');
        // Nothing written: the database's data_version, seen from a second connection, did not move.
        expect(o.changed, where).toBe(false);
        // A refusal is a sentence in both languages.
        expect(o.message, where).toMatch(/[ぁ-んァ-ン一-龯]/);
        expect(o.message, where).toMatch(/[a-z]{3,}/);
        if (f.refusalSays && (f.refusalBy ?? IMPORTERS.filter((i) => i !== 'reviewSheets')).includes(o.importer as never)) expect(o.message, where).toContain(f.refusalSays);
      }
    }
  });

  it('names the row and column of an Excel error value, a formula without its result and 1900-02-29', () => {
    const msg = (n: string) => results.get(n)!.results.find((o) => o.importer === 'applications')!.message!;
    expect(msg('error-values.xlsx')).toContain('[2/申請機関]');
    expect(msg('error-values.xlsx')).toContain('#DIV/0!');
    expect(msg('error-values.xlsx')).toContain('[3/送出し機関]');
    expect(msg('error-values.xlsx')).toContain('#N/A');
    expect(msg('formula-no-cached-value.xlsx')).toContain('[2/招へい人数]');
    expect(msg('formula-no-cached-value.xlsx')).toMatch(/formula whose result was never saved/);
    expect(msg('date-serial-60.xlsx')).toContain('[2/来日予定日]');
    expect(msg('date-serial-60.xlsx')).toContain('1900-02-29');
  });
});
