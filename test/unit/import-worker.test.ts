// Long work off the request path: an import into a file database runs in a worker thread with its
// own connection (4 MB or more), or on the app's thread reading in slices and writing in chunks
// with a turn of the event loop between them (the 20,000-row file here, about 3 MB), so other
// calls answer while it runs, its write phase included; progress still arrives, errors still cross
// as bilingual values with nothing written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { startRuntime } from '../../main/runtime.ts';

const dir = mkdtempSync(join(tmpdir(), 'sakura-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = '受付番号,年度,コース,タイトル,申請機関,申請者,送出し機関,送出し国・地域,分野,形態,招へい人数,引率者数,来日予定日,離日予定日,申請額';
function csv(n: number, bad = false): string {
  const rows = [HEADER];
  for (let i = 1; i <= n; i++) rows.push(`W-${i},2026,A,交流プログラム${i},東北大学,山田 太郎,清華大学,中国,科学技術,来日,8,1,2026/07/01,2026/07/07,${bad && i === n ? 'たくさん' : '1200000'}`);
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8').toString('base64');
}

describe('applications/import off the request path', () => {
  it('keeps other calls answering while a long import runs, and reports progress', async () => {
    const rt = await startRuntime({ dbPath: join(dir, 'a.sqlite'), door: 'test', user: 'w' });
    const phases = new Set<string>();
    let writing = false;
    rt.events.on('event', (_e: string, p: { phase: string }) => {
      phases.add(p.phase);
      if (p.phase === 'write') writing = true;
    });
    const started = performance.now();
    let finished = 0;
    const job = rt.invoke('applications/import', { fileName: 'big.csv', dataBase64: csv(20_000), jobId: 'j1' }).then((r) => {
      finished = performance.now();
      return r;
    });
    // While it runs: calls on the app's connection answer quickly and see the data before the import.
    const latencies: number[] = [];
    let answeredDuring = 0;
    // Answers while the import is writing: between two of its chunks.
    let answeredWhileWriting = 0;
    while (!finished && performance.now() - started < 60_000) {
      const t0 = performance.now();
      const r = await rt.invoke('applications/list', { limit: 10 });
      latencies.push(performance.now() - t0);
      expect(r.ok).toBe(true);
      if (!finished) answeredDuring++;
      if (!finished && writing) answeredWhileWriting++;
      await new Promise((res) => setTimeout(res, 20));
    }
    const r = await job;
    expect(r.ok && r.value).toEqual({ added: 20_000, updated: 0, rows: 20_000 });
    expect(answeredDuring).toBeGreaterThan(3);
    expect(answeredWhileWriting).toBeGreaterThan(0);
    // Generous for a shared CI machine; on a laptop these are a few milliseconds.
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect([...phases]).toEqual(expect.arrayContaining(['read', 'parse', 'write']));
    const after = await rt.invoke('applications/list', { limit: 1 });
    expect(after.ok && (after.value as { total: number }).total).toBe(20_000);
    await rt.close();
  }, 120_000);

  it('a rejected file comes back as the same bilingual error, with nothing written', async () => {
    const rt = await startRuntime({ dbPath: join(dir, 'b.sqlite'), door: 'test', user: 'w' });
    const r = await rt.invoke('applications/import', { fileName: 'bad.csv', dataBase64: csv(50, true) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('IMPORT_REJECTED');
      expect(r.error.message).toContain('取り込みませんでした');
      expect((r.error.details.problems as unknown[]).length).toBe(1);
    }
    const list = await rt.invoke('applications/list', { limit: 1 });
    expect(list.ok && (list.value as { total: number }).total).toBe(0);
    await rt.close();
  }, 60_000);
});
