// The overdue-reports queue in SQL: programs whose visit ended more than `days` days before
// `today` without all their reports, most overdue first, a page at a time with the COUNT. Same
// rules as before (db/results.ts overdueReports): a program marked 報告済 counts its 実施報告書 as
// received, and one marked 報告済 with no record at all is taken as fully reported.
import { addDays } from '../shared/dates.ts';
import { ADOPTED_STATUSES } from '../shared/domain.ts';
import { daysBetween } from '../shared/stats/aggregate.ts';
import type { DB } from './open.ts';

export async function overduePage(db: DB, today: string, days: number, p: { limit?: number | undefined; offset?: number | undefined }) {
  // "more than `days` days since it ended" is "ended before today − days".
  const cutoff = addDays(today, -days);
  const base = db
    .selectFrom('application as a')
    .innerJoin('institution as h', 'h.id', 'a.host_institution_id')
    .leftJoin('program_result as r', 'r.application_id', 'a.id')
    .where((eb) =>
      eb.and([
        eb('a.status', 'in', [...ADOPTED_STATUSES]),
        eb.or([eb('r.id', 'is not', null), eb('a.status', '!=', 'reported')]),
        eb.or([eb.and([eb('r.report_received_on', 'is', null), eb('a.status', '!=', 'reported')]), eb('r.opinion_reports_received_on', 'is', null)]),
        eb(eb.fn.coalesce('r.actual_departure', 'a.departure'), '<', cutoff),
      ]),
    );
  let q = base
    .select((eb) => [
      'a.id',
      'a.application_no',
      'a.fiscal_year',
      'a.title',
      'a.status',
      'h.name_ja as host_name',
      'r.report_received_on',
      'r.opinion_reports_received_on',
      eb.fn.coalesce('r.actual_departure', 'a.departure').as('ended_on'),
    ])
    .orderBy('ended_on')
    .orderBy('a.application_no')
    .orderBy('a.id');
  const offset = p.offset ?? 0;
  if (p.limit !== undefined) q = q.limit(p.limit).offset(offset);
  else if (offset) q = q.limit(2147483647).offset(offset);
  const rows = await q.execute();
  const items = rows.map((r) => {
    const missing: ('report' | 'opinions')[] = [];
    if (!r.report_received_on && r.status !== 'reported') missing.push('report');
    if (!r.opinion_reports_received_on) missing.push('opinions');
    return {
      programId: r.id,
      applicationNo: r.application_no,
      fiscalYear: r.fiscal_year,
      title: r.title,
      hostInstitution: r.host_name,
      endedOn: r.ended_on,
      daysSinceEnd: daysBetween(r.ended_on, today),
      missing,
    };
  });
  const total =
    offset === 0 && (p.limit === undefined || items.length < p.limit)
      ? items.length
      : Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { items, total };
}
