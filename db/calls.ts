import { newId, nowIso } from './ids.ts';
import type { DB } from './open.ts';
import type { CallRoundRow } from './schema.ts';

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
  };
}

export async function listCalls(db: DB, fiscalYear?: number) {
  let q = db.selectFrom('call_round').selectAll().orderBy('fiscal_year', 'desc').orderBy('number', 'asc');
  if (fiscalYear !== undefined) q = q.where('fiscal_year', '=', fiscalYear);
  return (await q.execute()).map(toCall);
}

/** Creates or updates the call (公募回) with this year and number. */
export async function saveCall(db: DB, d: CallRoundData) {
  const now = nowIso();
  await db
    .insertInto('call_round')
    .values({
      id: newId(),
      fiscal_year: d.fiscalYear,
      number: d.number,
      opens_on: d.opensOn,
      closes_on: d.closesOn,
      budget_yen: d.budgetYen,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['fiscal_year', 'number']).doUpdateSet({
        opens_on: d.opensOn,
        closes_on: d.closesOn,
        budget_yen: d.budgetYen,
        updated_at: now,
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
