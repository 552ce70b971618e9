// The participant, reviewer and review-sheet imports off the request path (issue 12, point 4;
// main/jobs/imports.ts): on a SQLite file they are read and checked in a worker thread and give the
// same result as inline; on both engines a bad file writes nothing, and job/progress arrives in
// order (read, parse, check, write), each phase counting up to its total.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { importWorkerPolicy } from '../../main/jobs/imports.ts';
import { offThreadPolicy, workerJobs } from '../../main/jobs/worker.ts';
import { FIRST_DATA_ROW, layout } from '../../main/review/sheets.ts';
import { startRuntime, type Runtime } from '../../main/runtime.ts';
import { dropPgSchema, fails, ok, sampleApplication, testDbTarget, testEngine } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'sakura-import-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const defaultMin = offThreadPolicy.minDbBytes;
const open: { rt: Runtime; target: string }[] = [];
afterEach(async () => {
  offThreadPolicy.minDbBytes = defaultMin;
  for (const { rt, target } of open.splice(0)) {
    await rt.close();
    if (testEngine === 'postgres') await dropPgSchema(target);
  }
});

let n = 0;
/** A file database on SQLite (so a worker can open it too), a fresh schema on PostgreSQL. */
async function runtime(): Promise<Runtime> {
  const target = testDbTarget(join(dir, `db-${++n}.sqlite`));
  const rt = await startRuntime({ dbPath: target, door: 'test', user: 'test-staff', autoBackups: false, options: { checkOutput: true } });
  open.push({ rt, target });
  return rt;
}

type Progress = { phase: string; done: number; total: number };
function progressOf(rt: Runtime, jobId: string): Progress[] {
  const seen: Progress[] = [];
  rt.events.on('event', (e: string, p: Progress & { jobId: string }) => {
    if (e === 'job/progress' && p.jobId === jobId) seen.push({ phase: p.phase, done: p.done, total: p.total });
  });
  return seen;
}

/** Phases in this order (each may be absent), counts never going down within one, each ending at its total. */
function expectInOrder(seen: Progress[], phases: string[]) {
  expect(seen.length).toBeGreaterThan(0);
  const order = seen.map((p) => p.phase).filter((p, i, a) => a[i - 1] !== p);
  expect(order).toEqual(phases);
  for (const phase of phases) {
    const of = seen.filter((p) => p.phase === phase);
    for (let i = 1; i < of.length; i++) expect(of[i]!.done).toBeGreaterThanOrEqual(of[i - 1]!.done);
    // 'read' is announced (0 of 1) as the applications import does; the others count to their totals.
    if (phase !== 'read') expect(of.at(-1)!.done).toBe(of.at(-1)!.total);
  }
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

// --- participants

const P_HEADER = '姓,名,現地表記氏名,性別,生年月日,国籍,所属機関,身分,区分,メール';
function roster(count: number, badRow?: number): string {
  const rows = [P_HEADER];
  for (let i = 1; i <= count; i++) {
    rows.push(`NGUYEN${i},An,グエン${i},女,2000/01/0${(i % 9) + 1},${i === badRow ? 'アトランティス' : 'ベトナム'},Vietnam National University,修士課程,招へい者,an${i}@example.org`);
  }
  return b64(`\uFEFF${rows.join('\r\n')}\r\n`);
}

async function program(rt: Runtime): Promise<string> {
  const app = await ok(rt, 'applications/save', { id: null, data: sampleApplication() });
  await ok(rt, 'applications/setStatus', { id: app.id, status: 'adopted' });
  return app.id;
}

const people = (d: { participants: Record<string, unknown>[] }) => d.participants.map(({ id: _id, ...p }) => p);
const auditCount = async (rt: Runtime, action: string) => (await ok(rt, 'audit/list', { action, limit: 100 })).total;

// --- reviewers

function reviewersFile(count: number, badRow?: number): string {
  const rows = ['氏名,所属機関,専門分野,メール,上限件数'];
  for (let i = 1; i <= count; i++) rows.push(`審査 ${i}郎,名古屋大学,防災;材料,${i === badRow ? 'not-an-address' : `r${i}@example.jp`},${i % 7}`);
  return b64(`\uFEFF${rows.join('\r\n')}\r\n`);
}

// --- review sheets

const L = layout(5);
async function sheets(rt: Runtime, badScore = false) {
  const apps = [];
  for (const no of ['S-001', 'S-002', 'S-003']) apps.push(await ok(rt, 'applications/save', { id: null, data: sampleApplication({ applicationNo: no }) }));
  const reviewers = [];
  for (const name of ['審査 一郎', '審査 二郎']) reviewers.push(await ok(rt, 'review/saveReviewer', { id: null, data: { name, institution: '名古屋大学' } }));
  await ok(rt, 'review/assign', { applicationIds: apps.map((a) => a.id), reviewerIds: reviewers.map((r) => r.id) });
  const { files } = await ok(rt, 'review/exportSheets', { fiscalYear: 2026 });
  return Promise.all(
    files.map(async (f, k) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(f.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
      for (const ws of wb.worksheets.filter((w) => w.state !== 'veryHidden')) {
        for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
          const row = ws.getRow(r);
          for (let i = 0; i < 5; i++) row.getCell(L.score(i)).value = badScore && k === 1 && r === FIRST_DATA_ROW ? 9 : 4;
          row.getCell(L.recommendation).value = '推薦する';
          row.getCell(L.confidence).value = '高';
        }
      }
      return { fileName: f.fileName, dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
    }),
  );
}
const submitted = async (rt: Runtime) => (await ok(rt, 'review/listAssignments', {})).items.filter((a) => a.status === 'submitted').length;

describe(`imports with progress, all or nothing (${testEngine})`, () => {
  it('participants: progress read → parse → check → write; a bad row writes nothing', async () => {
    const rt = await runtime();
    const id = await program(rt);
    const seen = progressOf(rt, 'p1');
    const r = await ok(rt, 'programs/importParticipants', { id, fileName: 'roster.csv', dataBase64: roster(1200), jobId: 'p1' });
    expect(r).toMatchObject({ added: 1200, rows: 1200 });
    expect(r.detail.participants).toHaveLength(1200);
    expectInOrder(seen, ['read', 'parse', 'check', 'write']);
    expect(seen.filter((p) => p.phase === 'parse').at(-1)!.total).toBe(1200);
    expect(await auditCount(rt, 'programs/importParticipants')).toBe(1);

    const e = await fails(rt, 'programs/importParticipants', { id, fileName: 'bad.csv', dataBase64: roster(1500, 1499), mode: 'append' });
    expect(e.code).toBe('IMPORT_REJECTED');
    expect((e.details.problems as { row: number }[]).map((p) => p.row)).toEqual([1500]);
    expect((await ok(rt, 'programs/get', { id })).participants).toHaveLength(1200);
    expect(await auditCount(rt, 'programs/importParticipants')).toBe(1);
    // A roster saved since the screen read it: the import is a conflict, and writes nothing.
    const stale = await fails(rt, 'programs/importParticipants', { id, fileName: 'r.csv', dataBase64: roster(3), expectedVersion: 0 });
    expect(stale.code).toBe('CONFLICT');
    expect((await ok(rt, 'programs/get', { id })).participants).toHaveLength(1200);
  });

  it('reviewers: progress read → parse → check → write; a bad row writes nothing', async () => {
    const rt = await runtime();
    const bad = await fails(rt, 'review/importReviewers', { fileName: 'bad.csv', dataBase64: reviewersFile(1000, 999) });
    expect(bad.code).toBe('IMPORT_REJECTED');
    expect((bad.details.problems as { row: number }[]).map((p) => p.row)).toEqual([1000]);
    expect((await ok(rt, 'review/listReviewers', { limit: 1 })).total).toBe(0);
    const seen = progressOf(rt, 'r1');
    expect(await ok(rt, 'review/importReviewers', { fileName: 'r.csv', dataBase64: reviewersFile(1200), jobId: 'r1' })).toEqual({ added: 1200, updated: 0, rows: 1200 });
    expectInOrder(seen, ['read', 'parse', 'check', 'write']);
    expect(seen.filter((p) => p.phase === 'write').length).toBeGreaterThan(2);
    expect((await ok(rt, 'review/listReviewers', { limit: 1 })).total).toBe(1200);
    expect(await auditCount(rt, 'review/importReviewers')).toBe(1);
  });

  it('review sheets: progress read → parse → check → write; one bad cell in any file writes nothing', async () => {
    const rt = await runtime();
    const bad = await sheets(rt, true);
    const e = await fails(rt, 'review/importSheets', { files: bad });
    expect(e.code).toBe('IMPORT_REJECTED');
    expect((e.details.problems as unknown[]).length).toBe(5);
    expect(await submitted(rt)).toBe(0);
    // The same export, filled in properly this time.
    const fixed = await Promise.all(
      bad.map(async (f) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(f.dataBase64, 'base64') as unknown as ExcelJS.Buffer);
        for (const ws of wb.worksheets.filter((w) => w.state !== 'veryHidden')) for (let i = 0; i < 5; i++) ws.getRow(FIRST_DATA_ROW).getCell(L.score(i)).value = 3;
        return { fileName: f.fileName, dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
      }),
    );
    const seen = progressOf(rt, 's1');
    expect(await ok(rt, 'review/importSheets', { files: fixed, jobId: 's1' })).toEqual({ files: 2, reviews: 6 });
    expectInOrder(seen, ['read', 'parse', 'check', 'write']);
    expect(seen.filter((p) => p.phase === 'parse').at(-1)).toEqual({ phase: 'parse', done: 2, total: 2 });
    expect(await submitted(rt)).toBe(6);
    expect(await auditCount(rt, 'review/importSheets')).toBe(1);
  });
});

// A worker thread opens the same SQLite file; PostgreSQL (team mode) always imports on the
// request's connection, which the tests above cover.
if (testEngine === 'sqlite') {
  describe('in a worker thread (SQLite file)', () => {
    /** Runs `call` once inline (as where no worker can start) and once in a worker, each on a fresh database. */
    async function both<T>(seed: (rt: Runtime) => Promise<unknown>, call: (rt: Runtime, seeded: unknown) => Promise<T>) {
      const inlineRt = await runtime();
      const before = workerJobs.import;
      const fileMin = importWorkerPolicy.minBytes;
      importWorkerPolicy.minBytes = Number.MAX_SAFE_INTEGER;
      const inline = await call(inlineRt, await seed(inlineRt)).finally(() => (importWorkerPolicy.minBytes = fileMin));
      expect(workerJobs.import).toBe(before);
      offThreadPolicy.minDbBytes = 0;
      const workerRt = await runtime();
      const off = await call(workerRt, await seed(workerRt));
      expect(workerJobs.import).toBe(before + 1);
      offThreadPolicy.minDbBytes = defaultMin;
      return { inline, off, inlineRt, workerRt };
    }

    it('participants: the same roster as inline, progress in order, the audit event with it', async () => {
      const { inline, off, workerRt } = await both(program, async (rt, id) => {
        const seen = progressOf(rt, 'w');
        const r = await ok(rt, 'programs/importParticipants', { id, fileName: 'roster.csv', dataBase64: roster(800), jobId: 'w', mode: 'append' });
        return { r, seen };
      });
      expect(people(off.r.detail)).toEqual(people(inline.r.detail));
      expect(off.r.detail.program.invitees).toBe(800);
      expect(off.r.detail.program.violations).toEqual(inline.r.detail.program.violations);
      expectInOrder(off.seen, ['read', 'parse', 'check', 'write']);
      expect(off.seen.map((p) => p.phase)).toEqual(inline.seen.map((p) => p.phase));
      expect(await auditCount(workerRt, 'programs/importParticipants')).toBe(1);
    }, 60_000);

    it('participants: a bad file comes back from the worker as the same error, nothing written', async () => {
      offThreadPolicy.minDbBytes = 0;
      const rt = await runtime();
      const id = await program(rt);
      const before = workerJobs.import;
      const e = await fails(rt, 'programs/importParticipants', { id, fileName: 'bad.csv', dataBase64: roster(300, 7) });
      expect(workerJobs.import).toBe(before + 1);
      expect(e.code).toBe('IMPORT_REJECTED');
      expect(e.message).toContain('名簿は変更されていません');
      expect((e.details.problems as { row: number }[]).map((p) => p.row)).toEqual([8]);
      expect((await ok(rt, 'programs/get', { id })).participants).toHaveLength(0);
      expect(await auditCount(rt, 'programs/importParticipants')).toBe(0);
      // An unknown program: NOT_FOUND from the worker too.
      expect((await fails(rt, 'programs/importParticipants', { id: '00000000-0000-7000-8000-000000000000', fileName: 'r.csv', dataBase64: roster(2) })).code).toBe('NOT_FOUND');
    }, 60_000);

    it('a file of importWorkerPolicy.minBytes or more goes to a worker on any database, a small one stays inline', async () => {
      // The default policy on a new (small) file: whatever the database's size, a full-size file's
      // write phase would stop the app's thread for longer than a worker takes to start.
      const rt = await runtime();
      const other = await runtime();
      const big = reviewersFile(3000);
      expect(Buffer.from(big, 'base64').length).toBeGreaterThanOrEqual(importWorkerPolicy.minBytes);
      const before = workerJobs.import;
      await ok(rt, 'review/importReviewers', { fileName: 'small.csv', dataBase64: reviewersFile(20) });
      expect(workerJobs.import).toBe(before);
      expect(await ok(other, 'review/importReviewers', { fileName: 'big.csv', dataBase64: big })).toMatchObject({ added: 3000 });
      expect(workerJobs.import).toBe(before + 1);
    }, 60_000);

    it('reviewers: the same people as inline; a bad file writes nothing', async () => {
      const { inline, off, inlineRt, workerRt } = await both(
        async () => null,
        async (rt) => {
          const seen = progressOf(rt, 'w');
          const r = await ok(rt, 'review/importReviewers', { fileName: 'r.csv', dataBase64: reviewersFile(900), jobId: 'w' });
          return { r, seen };
        },
      );
      expect(off.r).toEqual(inline.r);
      expectInOrder(off.seen, ['read', 'parse', 'check', 'write']);
      const names = async (rt: Runtime) => (await ok(rt, 'review/listReviewers', { limit: 1000 })).items.map((r) => [r.name, r.institution, r.email, r.maxLoad]);
      expect(await names(workerRt)).toEqual(await names(inlineRt));

      offThreadPolicy.minDbBytes = 0;
      const before = workerJobs.import;
      const e = await fails(workerRt, 'review/importReviewers', { fileName: 'bad.csv', dataBase64: reviewersFile(50, 50) });
      expect(workerJobs.import).toBe(before + 1);
      expect(e.code).toBe('IMPORT_REJECTED');
      expect((await ok(workerRt, 'review/listReviewers', { limit: 1 })).total).toBe(900);
    }, 60_000);

    it('review sheets: the same reviews as inline; a bad cell writes nothing', async () => {
      const { inline, off, workerRt } = await both(
        (rt) => sheets(rt),
        async (rt, files) => {
          const seen = progressOf(rt, 'w');
          const r = await ok(rt, 'review/importSheets', { files: files as { fileName: string; dataBase64: string }[], jobId: 'w' });
          return { r, seen };
        },
      );
      expect(off.r).toEqual(inline.r);
      expect(off.r).toEqual({ files: 2, reviews: 6 });
      expectInOrder(off.seen, ['read', 'parse', 'check', 'write']);
      expect(await submitted(workerRt)).toBe(6);

      offThreadPolicy.minDbBytes = 0;
      const rt = await runtime();
      const bad = await sheets(rt, true);
      const before = workerJobs.import;
      const e = await fails(rt, 'review/importSheets', { files: bad });
      expect(workerJobs.import).toBe(before + 1);
      expect(e.code).toBe('IMPORT_REJECTED');
      expect(await submitted(rt)).toBe(0);
    }, 60_000);

    it('a save made while an import runs in the worker is answered, and both land', async () => {
      offThreadPolicy.minDbBytes = 0;
      const rt = await runtime();
      let saved: Promise<unknown> | null = null;
      rt.events.on('event', (e: string, p: { phase?: string }) => {
        if (e === 'job/progress' && p.phase === 'write' && !saved) {
          saved = rt.invoke('review/saveReviewer', { id: null, data: { name: '途中 保存', institution: '東北大学' } });
        }
      });
      const r = await ok(rt, 'review/importReviewers', { fileName: 'r.csv', dataBase64: reviewersFile(2000), jobId: 'x' });
      expect(r.added).toBe(2000);
      expect(saved).not.toBeNull();
      expect(((await saved!) as { ok: boolean }).ok).toBe(true);
      expect((await ok(rt, 'review/listReviewers', { limit: 1 })).total).toBe(2001);
    }, 60_000);
  });
}
