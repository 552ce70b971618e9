// Paging and set-wise queues: every page of a list is the matching slice of the whole answer,
// `total` is the COUNT, and the SQL queues give what the former in-memory queues gave, on a
// generated two-year database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationSummary } from '../../shared/api/applications.ts';
import type { QueueItem, QueueName } from '../../shared/api/review.ts';
import { listApplications } from '../../db/applications.ts';
import type { DB } from '../../db/open.ts';
import { DECIDED_STATUSES, OPEN_STATUSES, listAssignments } from '../../db/review.ts';
import { generate } from '../../main/gen/generate.ts';
import { overdueReports } from '../../db/results.ts';
import type { Runtime } from '../../main/runtime.ts';
import { freshRuntime, ok } from './helpers.ts';
import { statementCacheOf } from '../../db/statement-cache.ts';
import { sqliteOf } from '../../db/store.ts';

const isOpen = (s: string) => (OPEN_STATUSES as readonly string[]).includes(s);
const isDecided = (s: string) => (DECIDED_STATUSES as readonly string[]).includes(s);

// The queues as they were computed before (everything loaded, then filtered in memory): the
// reference the SQL queues must agree with.
async function reviewState(db: DB, fiscalYear: number | undefined) {
  const apps = await listApplications(db, { fiscalYear });
  const assignments = await listAssignments(db, { fiscalYear });
  const byApp = new Map<string, typeof assignments>();
  for (const a of assignments) (byApp.get(a.applicationId) ?? byApp.set(a.applicationId, []).get(a.applicationId)!).push(a);
  return { apps, assignments, byApp };
}

function item(a: ApplicationSummary, list: { status: string; score: number | null }[]): QueueItem {
  const submitted = list.filter((x) => x.status === 'submitted');
  const scores = submitted.map((x) => x.score!).filter((x) => x !== null);
  return {
    applicationId: a.id,
    applicationNo: a.applicationNo,
    fiscalYear: a.fiscalYear,
    call: a.call,
    course: a.course,
    title: a.title,
    hostInstitution: a.hostInstitution,
    status: a.status,
    violations: a.violations,
    reviewers: list.length,
    submitted: submitted.length,
    meanScore: scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null,
    requestedAmount: a.requestedAmount,
    assignmentId: null,
    reviewer: null,
    dueOn: null,
    overdue: false,
  };
}

async function referenceQueues(db: DB, fiscalYear: number | undefined, perApplication: number): Promise<Record<QueueName, QueueItem[]>> {
  const { apps, byApp } = await reviewState(db, fiscalYear);
  const out: Record<QueueName, QueueItem[]> = { eligibility: [], assignment: [], outstanding: [], ready: [], decided: [] };
  for (const a of apps) {
    const list = byApp.get(a.id) ?? [];
    const it = item(a, list);
    if (isDecided(a.status)) {
      out.decided.push(it);
      continue;
    }
    if (!isOpen(a.status)) continue;
    if (a.violations.length) out.eligibility.push(it);
    if (list.length < perApplication) out.assignment.push(it);
    for (const s of list) {
      if (s.status === 'assigned') out.outstanding.push({ ...it, assignmentId: s.id, reviewer: s.reviewer, dueOn: s.dueOn, overdue: s.overdue });
    }
    if (list.length > 0 && it.submitted === list.length) out.ready.push(it);
  }
  // Overdue first, then by reviewer so each reviewer's pile reads as one block.
  out.outstanding.sort(
    (x, y) =>
      Number(y.overdue) - Number(x.overdue) ||
      (x.dueOn ?? '9999').localeCompare(y.dueOn ?? '9999') ||
      (x.reviewer ?? '').localeCompare(y.reviewer ?? '', 'ja') ||
      x.applicationNo.localeCompare(y.applicationNo),
  );
  out.ready.sort((x, y) => (y.meanScore ?? 0) - (x.meanScore ?? 0) || x.applicationNo.localeCompare(y.applicationNo));
  return out;
}

let rt: Runtime;
beforeAll(async () => {
  rt = await freshRuntime();
  await generate(rt.open.db, { years: 2, seed: 3, scale: 'realistic', today: '2026-12-01' });
  sqliteOf(rt.open).raw.exec('ANALYZE');
}, 60_000);
afterAll(() => rt.close());

const strip = (q: QueueItem) => ({ ...q, meanScore: q.meanScore === null ? null : Math.round(q.meanScore * 1e9) });

describe('review queues in SQL', () => {
  it('count and list what the in-memory queues did, in the same order', async () => {
    for (const fiscalYear of [2025, 2026, undefined]) {
      const ref = await referenceQueues(rt.open.db, fiscalYear, 3);
      const counts = await ok(rt, 'review/queueCounts', fiscalYear === undefined ? {} : { fiscalYear });
      for (const queue of Object.keys(ref) as QueueName[]) {
        expect(counts[queue], `${queue} ${fiscalYear}`).toBe(ref[queue].length);
        const got = await ok(rt, 'review/queue', { queue, ...(fiscalYear === undefined ? {} : { fiscalYear }) });
        expect(got.total).toBe(ref[queue].length);
        if (queue === 'outstanding') {
          // Reviewer names sort by normalised text in SQL and by ja collation in memory: same rows,
          // overdue ones first.
          expect(new Set(got.items.map((x) => x.assignmentId))).toEqual(new Set(ref[queue].map((x) => x.assignmentId)));
          const firstLate = got.items.findIndex((x) => !x.overdue);
          expect(got.items.slice(firstLate === -1 ? got.items.length : firstLate).some((x) => x.overdue)).toBe(false);
        } else {
          // Means equal but for the last bits of a float (SQL's avg against a JS sum) may swap.
          const norm = (xs: QueueItem[]) => (queue === 'ready' ? xs.map(strip).sort((a, b) => (b.meanScore ?? 0) - (a.meanScore ?? 0) || a.applicationNo.localeCompare(b.applicationNo)) : xs.map(strip));
          expect(norm(got.items), queue).toEqual(norm(ref[queue]));
          if (queue === 'ready') expect(got.items.map((x) => x.meanScore!)).toEqual([...got.items.map((x) => x.meanScore!)].sort((a, b) => b - a));
        }
      }
    }
    expect((await ok(rt, 'review/queueCounts', { fiscalYear: 2026 })).outstanding).toBeGreaterThan(0);
  });

  it('pages a queue: each page is the matching slice, total is the whole count', async () => {
    const all = await ok(rt, 'review/queue', { queue: 'outstanding', fiscalYear: 2026 });
    expect(all.items.length).toBeGreaterThan(150);
    const pages: QueueItem[] = [];
    for (let offset = 0; offset < all.total; offset += 100) {
      const p = await ok(rt, 'review/queue', { queue: 'outstanding', fiscalYear: 2026, limit: 100, offset });
      expect(p.total).toBe(all.total);
      expect(p.items.length).toBe(Math.min(100, all.total - offset));
      pages.push(...p.items);
    }
    expect(pages).toEqual(all.items);
  });
});

describe('paged lists', () => {
  it('applications/list: pages are slices of the filtered, sorted answer, total from a COUNT', async () => {
    for (const filter of [{}, { fiscalYear: 2025 }, { fiscalYear: 2026, country: 'VN' }, { fiscalYear: 2026, status: 'adopted' as const }, { q: '防災' }]) {
      const all = await ok(rt, 'applications/list', filter);
      const p2 = await ok(rt, 'applications/list', { ...filter, limit: 50, offset: 50 });
      expect(p2.total).toBe(all.total);
      expect(p2.items).toEqual(all.items.slice(50, 100));
    }
    const vn = (await ok(rt, 'applications/list', { fiscalYear: 2026, country: 'VN' })).items;
    expect(vn.length).toBeGreaterThan(0);
    expect(vn.every((a) => a.countries.includes('VN'))).toBe(true);
    const years = (await ok(rt, 'applications/list', {})).items.map((a: ApplicationSummary) => a.fiscalYear);
    expect(years[0]).toBe(2026);
    expect(years.at(-1)).toBe(2025);
  });

  it('applications/list loads sending institutions and countries for the page only', async () => {
    const seen: string[] = [];
    const raw = sqliteOf(rt.open).raw;
    const prepare = raw.prepare.bind(raw);
    // Statements Kysely already reuses (db/statement-cache.ts) would not come back through prepare.
    statementCacheOf(raw)!.clear();
    raw.prepare = ((sql: string) => {
      seen.push(sql);
      return prepare(sql);
    }) as typeof raw.prepare;
    try {
      await ok(rt, 'applications/list', { fiscalYear: 2026, limit: 20 });
    } finally {
      raw.prepare = prepare;
      statementCacheOf(raw)!.clear();
    }
    const related = seen.filter((s) => /from "application_(sending|country)"/.test(s));
    // One statement for both lists (UNION ALL), each half bound to the page's 20 ids, not the whole table.
    expect(related.length).toBe(1);
    expect(related[0]).toMatch(/from "application_sending".* union all .*from "application_country"/);
    expect((related[0]!.match(/\?/g) ?? []).length).toBe(40);
  });

  it('programs/list: one fiscal year (the current one by default), by arrival, paged with total', async () => {
    const def = await ok(rt, 'programs/list', {});
    const fy = new Date().getMonth() >= 3 ? new Date().getFullYear() : new Date().getFullYear() - 1;
    expect(def.items.every((p) => p.fiscalYear === fy)).toBe(true);
    const all = await ok(rt, 'programs/list', { fiscalYear: 2025 });
    expect(all.total).toBeGreaterThan(400);
    expect(all.items.every((p) => p.fiscalYear === 2025 && ['adopted', 'implemented', 'reported'].includes(p.status))).toBe(true);
    const arrivals = all.items.map((p) => p.arrival);
    expect(arrivals).toEqual([...arrivals].sort());
    const page = await ok(rt, 'programs/list', { fiscalYear: 2025, limit: 100, offset: 200 });
    expect(page).toEqual({ items: all.items.slice(200, 300), total: all.total });
    expect(page.items[0]!.invitees).toBeGreaterThanOrEqual(5);
    expect(page.items[0]!.slots).toBeGreaterThanOrEqual(13);
    const both = await ok(rt, 'programs/list', { fiscalYear: 'all', limit: 1 });
    expect(both.total).toBe(all.total + (await ok(rt, 'programs/list', { fiscalYear: 2026 })).total);
  });
});

describe('overdue reports in SQL', () => {
  it('lists what the in-memory queue did, most overdue first, paged with total', async () => {
    for (const today of ['2026-12-01', '2026-06-30']) {
      const ref = await overdueReports(rt.open.db, today, 60);
      const all = await ok(rt, 'results/overdue', { today });
      expect(all.days).toBe(60);
      expect(ref.length).toBeGreaterThan(20);
      expect(all.items).toEqual(ref);
      expect(all.total).toBe(ref.length);
      const p = await ok(rt, 'results/overdue', { today, limit: 10, offset: 10 });
      expect(p).toEqual({ days: 60, items: ref.slice(10, 20), total: ref.length });
    }
    expect((await ok(rt, 'stats/dashboard', { today: '2026-12-01' })).reportsOverdue).toBe((await overdueReports(rt.open.db, '2026-12-01', 60)).length);
  });
});
