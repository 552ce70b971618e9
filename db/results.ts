// 実施報告 per program, follow-up per invitee, the overdue queue and the settings they use.
// A program is an adopted application: its id is the application's id.
import type { FollowUp, ProgramResult, ProgramRow, ResultInput } from '../shared/api/results.ts';
import { ADOPTED_STATUSES, type Course, type Status } from '../shared/domain.ts';
import { AppError } from '../shared/errors.ts';
import { daysBetween, type FollowUpKind } from '../shared/stats/aggregate.ts';
import { sql } from 'kysely';
import { newId, nowIso } from './ids.ts';
import { assertVersion } from './versioned.ts';
import { applyStatusChanges } from './status.ts';
import type { DB } from './open.ts';
import { pageOf } from './paging.ts';
import { containsText, sortKey } from './engine.ts';
import type { FollowUpRow, ParticipantRow, ProgramResultRow } from './schema.ts';

export const DEFAULT_OVERDUE_DAYS = 60;
const OVERDUE_KEY = 'results.reportOverdueDays';

function programNotFound(id: string): never {
  throw new AppError('NOT_FOUND', { ja: '指定のプログラム（採択された応募）が見つかりません。', en: 'Program (adopted application) not found.' }, { id });
}

function toResult(r: ProgramResultRow): ProgramResult {
  return {
    id: r.id,
    programId: r.application_id,
    actualArrival: r.actual_arrival,
    actualDeparture: r.actual_departure,
    actualInvitees: r.actual_invitees,
    actualEscorts: r.actual_escorts,
    reportReceivedOn: r.report_received_on,
    opinionReportsReceivedOn: r.opinion_reports_received_on,
    // bigint columns may come back as bigint on other drivers: numbers once, here.
    spentYen: r.spent_yen === null ? null : Number(r.spent_yen),
    refundedYen: r.refunded_yen === null ? null : Number(r.refunded_yen),
    summary: r.summary,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
    version: Number(r.row_version),
  };
}

function toFollowUp(r: FollowUpRow): FollowUp {
  return {
    id: r.id,
    participantId: r.participant_id,
    kind: r.kind as FollowUpKind,
    occurredOn: r.occurred_on,
    note: r.note,
    recordedBy: r.recorded_by,
    updatedAt: r.updated_at,
    version: Number(r.row_version),
  };
}

export function participantName(p: Pick<ParticipantRow, 'family_name' | 'given_name'>): string {
  return `${p.family_name} ${p.given_name}`.trim();
}

export interface ProgramFilter {
  /** Absent or 'all': every year. */
  fiscalYear?: number | 'all' | undefined;
  ids?: string[];
  /** Words in the 受付番号, the title or the host institution's name. */
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

function programsWhere(db: DB, f: ProgramFilter) {
  let q = db
    .selectFrom('application as a')
    .innerJoin('institution as h', 'h.id', 'a.host_institution_id')
    .where('a.status', 'in', [...ADOPTED_STATUSES]);
  if (typeof f.fiscalYear === 'number') q = q.where('a.fiscal_year', '=', f.fiscalYear);
  if (f.ids) q = q.where('a.id', 'in', f.ids.length ? f.ids : ['']);
  if (f.q && f.q.trim()) {
    const text = f.q.trim();
    q = q.where((eb) => eb.or([containsText(db, 'a.application_no', text), containsText(db, 'a.title', text), containsText(db, 'h.name_ja', text)]));
  }
  return q;
}

/** A page of programs and the COUNT of every one the filters match. */
export async function pagePrograms(db: DB, f: ProgramFilter): Promise<{ items: ProgramRow[]; total: number }> {
  return pageOf(
    f,
    () => listPrograms(db, f),
    async () => (await programsWhere(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
}

/** Adopted applications (採択 or later) with their result, if any: the programs to report on. */
export async function listPrograms(db: DB, f: ProgramFilter): Promise<ProgramRow[]> {
  let q = programsWhere(db, f)
    .leftJoin('program_result as r', 'r.application_id', 'a.id')
    .select([
      'a.id',
      'a.application_no',
      'a.fiscal_year',
      'a.call_number',
      'a.course',
      'a.title',
      'h.name_ja as host_name',
      'a.status',
      'a.arrival',
      'a.departure',
      'a.invitees',
      'a.escorts',
      'a.requested_amount',
      'r.id as r_id',
    ])
    // The id last: pages never overlap or skip a row.
    .orderBy('a.fiscal_year', 'desc')
    .orderBy('a.arrival')
    .orderBy(sortKey(db, 'a.application_no'))
    .orderBy('a.id');
  if (f.limit !== undefined) q = q.limit(f.limit).offset(f.offset ?? 0);
  else if (f.offset) q = q.limit(2147483647).offset(f.offset);
  const rows = await q.execute();
  const withResult = rows.filter((r) => r.r_id !== null).map((r) => r.id);
  const results = new Map<string, ProgramResult>();
  // One query for all results, in chunks that stay under SQL parameter limits.
  for (let i = 0; i < withResult.length; i += 500) {
    const chunk = withResult.slice(i, i + 500);
    for (const r of await db.selectFrom('program_result').selectAll().where('application_id', 'in', chunk).execute()) {
      results.set(r.application_id, toResult(r));
    }
  }
  return rows.map((r) => ({
    programId: r.id,
    applicationNo: r.application_no,
    fiscalYear: r.fiscal_year,
    call: r.call_number,
    course: r.course as Course,
    title: r.title,
    hostInstitution: r.host_name,
    status: r.status as Status,
    plannedArrival: r.arrival,
    plannedDeparture: r.departure,
    plannedInvitees: r.invitees,
    plannedEscorts: r.escorts,
    requestedAmount: Number(r.requested_amount),
    result: results.get(r.id) ?? null,
  }));
}

export async function getProgram(db: DB, id: string): Promise<ProgramRow> {
  const [p] = await listPrograms(db, { ids: [id] });
  if (p) return p;
  const exists = await db.selectFrom('application').select('status').where('id', '=', id).executeTakeFirst();
  if (exists) {
    throw new AppError(
      'CONFLICT',
      {
        ja: 'この応募はまだ採択されていないため、実施結果を記録できません（採択・実施済・報告済の応募のみ）。',
        en: 'This application has not been adopted, so no results can be recorded (adopted, implemented or reported only).',
      },
      { id, status: exists.status },
    );
  }
  return programNotFound(id);
}

/** The participant columns both the roster and a participant's page show. */
const PARTICIPANT_COLUMNS = [
  'p.id',
  'p.application_id',
  'p.family_name',
  'p.given_name',
  'p.native_name',
  'p.role',
  'p.affiliation',
  'p.nationality',
] as const;

interface ParticipantCols {
  id: string;
  application_id: string;
  family_name: string;
  given_name: string;
  native_name: string | null;
  role: string;
  affiliation: string | null;
  nationality: string | null;
}

/** The one place a participant row becomes the results area's participant value. */
function toParticipantRef(p: ParticipantCols, followUps: number) {
  return {
    id: p.id,
    programId: p.application_id,
    name: participantName(p),
    nativeName: p.native_name,
    role: (p.role === 'escort' ? 'escort' : 'invitee') as 'invitee' | 'escort',
    affiliation: p.affiliation,
    nationality: p.nationality,
    followUps,
  };
}

export async function programParticipants(db: DB, programId: string) {
  const rows = await db
    .selectFrom('participant as p')
    .leftJoin('follow_up as f', 'f.participant_id', 'p.id')
    .select((eb) => [...PARTICIPANT_COLUMNS, 'p.position', eb.fn.count<number>('f.id').as('follow_ups')])
    .where('p.application_id', '=', programId)
    .groupBy([...PARTICIPANT_COLUMNS, 'p.position'])
    .orderBy('p.position')
    .execute();
  return rows.map((p) => toParticipantRef(p, Number(p.follow_ups)));
}

/** Plain-language checks the schema cannot express; all problems at once, nothing written. */
function checkResult(d: ResultInput): void {
  const problems: { ja: string; en: string }[] = [];
  if (d.actualArrival && d.actualDeparture && d.actualDeparture < d.actualArrival) {
    problems.push({ ja: '実際の離日日が来日日より前です。', en: 'The actual departure is before the actual arrival.' });
  }
  if ((d.actualArrival === null) !== (d.actualDeparture === null)) {
    problems.push({ ja: '実際の来日日と離日日は両方入力してください。', en: 'Give both the actual arrival and departure, or neither.' });
  }
  const start = d.actualArrival;
  if (start && d.reportReceivedOn && d.reportReceivedOn < start) {
    problems.push({ ja: '実施報告書の受領日が来日日より前です。', en: 'The implementation report is dated before the arrival.' });
  }
  if (start && d.opinionReportsReceivedOn && d.opinionReportsReceivedOn < start) {
    problems.push({ ja: '意見報告書の受領日が来日日より前です。', en: 'The opinion reports are dated before the arrival.' });
  }
  if (problems.length) {
    throw new AppError(
      'VALIDATION',
      { ja: `実施結果を保存できません: ${problems.map((p) => p.ja).join(' ')}`, en: `Cannot save the results: ${problems.map((p) => p.en).join(' ')}` },
      { problems },
    );
  }
}

/**
 * Saves a program's results and moves its status forward to match (採択 → 実施済 once the visit
 * took place, → 報告済 once the report is in), in the same transaction and in the status history,
 * so the statistics and the applications list never disagree with the result record.
 */
export async function saveResult(db: DB, programId: string, d: ResultInput, user: string, expectedVersion?: number): Promise<void> {
  checkResult(d);
  const program = await getProgram(db, programId);
  await db.transaction().execute(async (trx) => {
    await assertVersion(trx, {
      table: 'program_result',
      key: { application_id: programId },
      expected: expectedVersion,
      what: { ja: `プログラム「${program.applicationNo}」の実績`, en: `the results of program "${program.applicationNo}"` },
    });
    const now = nowIso();
    const columns = {
      actual_arrival: d.actualArrival,
      actual_departure: d.actualDeparture,
      actual_invitees: d.actualInvitees,
      actual_escorts: d.actualEscorts,
      report_received_on: d.reportReceivedOn,
      opinion_reports_received_on: d.opinionReportsReceivedOn,
      spent_yen: d.spentYen,
      refunded_yen: d.refundedYen,
      summary: d.summary,
      updated_by: user,
      updated_at: now,
    };
    const existing = await trx.selectFrom('program_result').select('id').where('application_id', '=', programId).executeTakeFirst();
    if (existing) await trx.updateTable('program_result').set({ ...columns, row_version: sql<number>`row_version + 1` }).where('id', '=', existing.id).execute();
    else await trx.insertInto('program_result').values({ id: newId(), application_id: programId, created_at: now, ...columns }).execute();

    const app = await trx.selectFrom('application').select('status').where('id', '=', programId).executeTakeFirstOrThrow();
    const target: Status | null = d.reportReceivedOn ? 'reported' : d.actualDeparture ? 'implemented' : null;
    // Forward only, one life-cycle step at a time (採択 → 実施済 → 報告済), each in the history.
    const steps: Status[] = [];
    let at = app.status as Status;
    if (target && at === 'adopted') steps.push((at = 'implemented'));
    if (target === 'reported' && at === 'implemented') steps.push('reported');
    let from = app.status as Status;
    for (const to of steps) {
      await applyStatusChanges(
        trx,
        [{ id: programId, from, to, comment: to === 'reported' ? '実施報告書の受領を記録 / implementation report recorded' : '実施結果を記録 / visit recorded' }],
        user,
      );
      from = to;
    }
  });
}

export async function getOverdueDays(db: DB): Promise<number> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', OVERDUE_KEY).executeTakeFirst();
  const n = row ? Number(row.value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_OVERDUE_DAYS;
}

/** The setting's version (0: never saved, the default applies). */
export async function overdueDaysVersion(db: DB): Promise<number> {
  const row = await db.selectFrom('app_setting').select('row_version').where('key', '=', OVERDUE_KEY).executeTakeFirst();
  return row ? Number(row.row_version) : 0;
}

export async function setOverdueDays(db: DB, days: number, user: string, expectedVersion?: number): Promise<void> {
  const now = nowIso();
  // Shared by every officer of the office: a change made after this form loaded is not overwritten.
  await assertVersion(db, { table: 'app_setting', key: { key: OVERDUE_KEY }, expected: expectedVersion, what: { ja: '報告遅延の日数設定', en: 'the overdue-report setting' } });
  await db
    .insertInto('app_setting')
    .values({ key: OVERDUE_KEY, value: String(days), updated_by: user, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(days), updated_by: user, updated_at: now, row_version: sql<number>`app_setting.row_version + 1` }))
    .execute();
}

/**
 * Programs whose visit ended (actual departure, else planned) more than `days` days before
 * `today` and whose 実施報告書 or 意見報告書 has not been received. Most overdue first.
 */
export async function overdueReports(db: DB, today: string, days: number) {
  const programs = await listPrograms(db, {});
  const items = [];
  for (const p of programs) {
    const r = p.result;
    // Marked 報告済 before this screen existed, with no record: taken as fully reported.
    if (p.status === 'reported' && !r) continue;
    const missing: ('report' | 'opinions')[] = [];
    if (!r?.reportReceivedOn && p.status !== 'reported') missing.push('report');
    if (!r?.opinionReportsReceivedOn) missing.push('opinions');
    if (missing.length === 0) continue;
    const endedOn = r?.actualDeparture ?? p.plannedDeparture;
    const since = daysBetween(endedOn, today);
    if (since <= days) continue;
    items.push({
      programId: p.programId,
      applicationNo: p.applicationNo,
      fiscalYear: p.fiscalYear,
      title: p.title,
      hostInstitution: p.hostInstitution,
      endedOn,
      daysSinceEnd: since,
      missing,
    });
  }
  return items.sort((a, b) => b.daysSinceEnd - a.daysSinceEnd || a.applicationNo.localeCompare(b.applicationNo));
}

function participantNotFound(id: string): never {
  throw new AppError('NOT_FOUND', { ja: '指定の参加者が見つかりません。', en: 'Participant not found.' }, { id });
}

export async function participantFollowUps(db: DB, participantId: string) {
  const p = await db
    .selectFrom('participant as p')
    .innerJoin('application as a', 'a.id', 'p.application_id')
    .leftJoin('program_result as r', 'r.application_id', 'a.id')
    .select([
      ...PARTICIPANT_COLUMNS,
      'a.application_no',
      'a.fiscal_year',
      'a.title',
      'a.arrival',
      'r.actual_arrival',
    ])
    .where('p.id', '=', participantId)
    .executeTakeFirst();
  if (!p) participantNotFound(participantId);
  const followUps = (
    await db.selectFrom('follow_up').selectAll().where('participant_id', '=', participantId).orderBy('occurred_on').orderBy('id').execute()
  ).map(toFollowUp);
  return {
    participant: toParticipantRef(p, followUps.length),
    program: { programId: p.application_id, applicationNo: p.application_no, fiscalYear: p.fiscal_year, title: p.title, arrival: p.actual_arrival ?? p.arrival },
    followUps,
  };
}

export interface FollowUpData {
  participantId: string;
  kind: FollowUpKind;
  occurredOn: string;
  note: string;
}

const FOLLOW_UP_VERSION = { version: 'row_version', by: 'recorded_by', at: 'updated_at' };
const followUpWhat = (name: string) => ({ ja: `${name} さんのフォローアップ記録`, en: `the follow-up record of ${name}` });

export async function saveFollowUp(db: DB, id: string | null, d: FollowUpData, user: string, expectedVersion?: number): Promise<FollowUp> {
  const { participant, program } = await participantFollowUps(db, d.participantId);
  if (participant.role !== 'invitee') {
    throw new AppError(
      'CONFLICT',
      { ja: 'フォローアップは招へい者について記録します（引率者は対象外です）。', en: 'Follow-up is recorded for invitees only, not escorts.' },
      { participantId: d.participantId },
    );
  }
  if (d.occurredOn < program.arrival) {
    throw new AppError(
      'VALIDATION',
      {
        ja: `成果の日付（${d.occurredOn}）がプログラムの来日日（${program.arrival}）より前です。`,
        en: `The outcome date (${d.occurredOn}) is before the program's arrival (${program.arrival}).`,
      },
      { occurredOn: d.occurredOn, arrival: program.arrival },
    );
  }
  const now = nowIso();
  const columns = { participant_id: d.participantId, kind: d.kind, occurred_on: d.occurredOn, note: d.note, recorded_by: user, updated_at: now };
  const rowId = id ?? newId();
  if (id) {
    await assertVersion(db, { table: 'follow_up', key: { id }, expected: expectedVersion, what: followUpWhat(participant.name), columns: FOLLOW_UP_VERSION });
    const r = await db.updateTable('follow_up').set({ ...columns, row_version: sql<number>`row_version + 1` }).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      throw new AppError('NOT_FOUND', { ja: '指定のフォローアップ記録が見つかりません。', en: 'Follow-up record not found.' }, { id });
    }
  } else {
    await db.insertInto('follow_up').values({ id: rowId, created_at: now, ...columns }).execute();
  }
  return toFollowUp(await db.selectFrom('follow_up').selectAll().where('id', '=', rowId).executeTakeFirstOrThrow());
}

export async function deleteFollowUp(db: DB, id: string, expectedVersion?: number): Promise<boolean> {
  // A record another officer changed since this one looked at it is not deleted unseen.
  if (expectedVersion !== undefined) {
    const row = await db.selectFrom('follow_up').select('participant_id').where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    const { participant } = await participantFollowUps(db, row.participant_id);
    await assertVersion(db, { table: 'follow_up', key: { id }, expected: expectedVersion, what: followUpWhat(participant.name), columns: FOLLOW_UP_VERSION });
  }
  const r = await db.deleteFrom('follow_up').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
