import { sql } from 'kysely';
import { newId, nowIso } from './ids.ts';
import { assertVersion, stampOf } from './versioned.ts';
import type { DB } from './open.ts';
import type { CallRoundRow } from './schema.ts';
import type { PageInput } from '../shared/api/page.ts';
import { limited, pageOf } from './paging.ts';

export interface CallRoundData {
  fiscalYear: number;
  number: number;
  opensOn: string | null;
  closesOn: string | null;
  budgetYen: number | null;
}

function toCall(r: CallRoundRow) {
  return {
    id: r.id,
    fiscalYear: r.fiscal_year,
    number: r.number,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    budgetYen: r.budget_yen === null ? null : Number(r.budget_yen),
    ...stampOf(r),
  };
}

export async function listCalls(db: DB, fiscalYear?: number, p: PageInput = {}) {
  let q = db.selectFrom('call_round').selectAll().orderBy('fiscal_year', 'desc').orderBy('number', 'asc');
  if (fiscalYear !== undefined) q = q.where('fiscal_year', '=', fiscalYear);
  return (await limited(q, p).execute()).map(toCall);
}

/** A page of calls (newest year first, then by number) and `total`, a COUNT of the year's (or all). */
export function pageCalls(db: DB, fiscalYear: number | undefined, p: PageInput) {
  return pageOf(
    p,
    () => listCalls(db, fiscalYear, p),
    async () => {
      let q = db.selectFrom('call_round').select((eb) => eb.fn.countAll<number>().as('n'));
      if (fiscalYear !== undefined) q = q.where('fiscal_year', '=', fiscalYear);
      return (await q.executeTakeFirstOrThrow()).n;
    },
  );
}

/**
 * Creates or updates the call (公募回) with this year and number. With `expectedVersion` (the
 * settings form always sends it; 0 for a number not saved yet) a call changed since is refused.
 */
export async function saveCall(db: DB, d: CallRoundData, user: string, expectedVersion?: number) {
  const now = nowIso();
  await assertVersion(db, {
    table: 'call_round',
    key: { fiscal_year: d.fiscalYear, number: d.number },
    expected: expectedVersion,
    what: { ja: `${d.fiscalYear}年度 第${d.number}回公募`, en: `FY${d.fiscalYear} call ${d.number}` },
  });
  await db
    .insertInto('call_round')
    .values({
      id: newId(),
      fiscal_year: d.fiscalYear,
      number: d.number,
      opens_on: d.opensOn,
      closes_on: d.closesOn,
      budget_yen: d.budgetYen,
      updated_by: user,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['fiscal_year', 'number']).doUpdateSet({
        opens_on: d.opensOn,
        closes_on: d.closesOn,
        budget_yen: d.budgetYen,
        updated_at: now,
        // Qualified: inside ON CONFLICT a bare row_version is ambiguous on PostgreSQL.
        row_version: sql<number>`call_round.row_version + 1`,
        updated_by: user,
      }),
    )
    .execute();
  const row = await db
    .selectFrom('call_round')
    .selectAll()
    .where('fiscal_year', '=', d.fiscalYear)
    .where('number', '=', d.number)
    .executeTakeFirstOrThrow();
  return toCall(row);
}
