// Calls of the results area: 実施報告 per program, follow-up per invitee, the overdue-reports
// queue, and the statistics behind the charts (breakdowns, funnel, people, outcomes, .xlsx).
import { z } from 'zod';
import { Course, FiscalYear, Id, IsoDate, Status } from '../domain.ts';
import { BREAKDOWNS, FOLLOW_UP_KINDS } from '../stats/aggregate.ts';
import { TextBlock, TextLine } from '../text.ts';
import { FileData } from './applications.ts';
import { command, query } from './define.ts';
import { page, pageInput } from './page.ts';
import { ExpectedVersion } from './version.ts';

export const BreakdownBy = z.enum(BREAKDOWNS);
export const FollowUpKind = z.enum(FOLLOW_UP_KINDS);
const Yen = z.number().int().min(0).max(10_000_000_000);
const Count = z.number().int().min(0).max(10_000);

/** What staff record after a visit; every field may still be unknown (null). */
export const ResultInput = z.object({
  actualArrival: IsoDate.nullable(),
  actualDeparture: IsoDate.nullable(),
  actualInvitees: Count.nullable(),
  actualEscorts: Count.nullable(),
  reportReceivedOn: IsoDate.nullable(),
  opinionReportsReceivedOn: IsoDate.nullable(),
  spentYen: Yen.nullable(),
  refundedYen: Yen.nullable(),
  summary: TextBlock.max(4000),
});
export type ResultInput = z.infer<typeof ResultInput>;

export const ProgramResult = ResultInput.extend({
  id: Id,
  programId: Id,
  updatedBy: z.string(),
  updatedAt: z.string(),
  /** Bumped by every save; the result form sends it back as expectedVersion. */
  version: z.number().int(),
});
export type ProgramResult = z.infer<typeof ProgramResult>;

/** A program (adopted application) as the results screens list it. */
export const ProgramRow = z.object({
  programId: Id,
  applicationNo: z.string(),
  fiscalYear: z.number().int(),
  call: z.number().int().nullable(),
  course: Course,
  title: z.string(),
  hostInstitution: z.string(),
  status: Status,
  plannedArrival: IsoDate,
  plannedDeparture: IsoDate,
  plannedInvitees: z.number().int(),
  plannedEscorts: z.number().int(),
  requestedAmount: z.number().int(),
  result: ProgramResult.nullable(),
});
export type ProgramRow = z.infer<typeof ProgramRow>;

export const ParticipantRef = z.object({
  id: Id,
  programId: Id,
  name: z.string(),
  nativeName: z.string().nullable(),
  role: z.enum(['invitee', 'escort']),
  affiliation: z.string().nullable(),
  nationality: z.string().nullable(),
  followUps: z.number().int(),
});

export const FollowUp = z.object({
  id: Id,
  participantId: Id,
  kind: FollowUpKind,
  occurredOn: IsoDate,
  note: z.string(),
  recordedBy: z.string(),
  updatedAt: z.string(),
  /** Bumped by every save; the follow-up form sends it back as expectedVersion. */
  version: z.number().int(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const OverdueItem = z.object({
  programId: Id,
  applicationNo: z.string(),
  fiscalYear: z.number().int(),
  title: z.string(),
  hostInstitution: z.string(),
  /** The actual departure when recorded, else the planned one. */
  endedOn: IsoDate,
  daysSinceEnd: z.number().int(),
  missing: z.array(z.enum(['report', 'opinions'])),
});

export const ResultSettings = z.object({
  /** A program's reports are overdue this many days after its visit ended. */
  reportOverdueDays: z.number().int().min(1).max(730),
});

export const StatsRow = z.object({ key: z.union([z.string(), z.number().int()]), applications: z.number().int(), adoptions: z.number().int() });
export const FunnelOut = z.object({
  fiscalYear: z.number().int(),
  applications: z.number().int(),
  adoptions: z.number().int(),
  implemented: z.number().int(),
  reported: z.number().int(),
});
export const PeopleYear = z.object({
  fiscalYear: z.number().int(),
  /** Programs with an implementation record giving actual numbers. */
  programs: z.number().int(),
  invitees: z.number().int(),
  escorts: z.number().int(),
});
export const OutcomeYear = z.object({
  fiscalYear: z.number().int(),
  /** Invitees on record (participant roster) of that year's programs: the base of the rates. */
  invitees: z.number().int(),
  /** Distinct invitees with at least one outcome of each kind. */
  counts: z.record(FollowUpKind, z.number().int()),
  /** Distinct invitees with any outcome at all. */
  anyOutcome: z.number().int(),
});

export const CallState = z.object({
  number: z.number().int(),
  opensOn: IsoDate.nullable(),
  closesOn: IsoDate.nullable(),
  state: z.enum(['open', 'upcoming', 'closed']),
});

export const Dashboard = z.object({
  today: IsoDate,
  fiscalYear: z.number().int(),
  call: CallState.nullable(),
  applications: z.number().int(),
  applicationsWithProblems: z.number().int(),
  reportsOverdue: z.number().int(),
  // Reviews outstanding and decisions pending are the review area's to count: the home page asks
  // 'review/queueCounts' for them, so the two areas can never count the same queue differently.
});

export const ChartKind = z.enum(['all', 'byYear', 'breakdown', 'funnel', 'people', 'followups']);

export const resultsCalls = {
  /**
   * A page of programs (newest year first, then by planned arrival) with `total` from a COUNT;
   * `fiscalYear` absent or 'all': every year.
   */
  'results/programs': query(
    z.object({ fiscalYear: z.union([z.number().int(), z.literal('all')]).optional(), q: TextLine.max(200).optional(), ...pageInput }),
    page(ProgramRow),
  ),
  'results/program': query(z.object({ programId: Id }), z.object({ program: ProgramRow, participants: z.array(ParticipantRef) })),
  /** expectedVersion: the result's version the form loaded (0: none recorded yet). */
  'results/save': command(z.object({ programId: Id, data: ResultInput, expectedVersion: ExpectedVersion }), ProgramRow),
  /** Programs whose visit ended more than the set number of days ago without all reports. */
  'results/overdue': query(
    z.object({ today: IsoDate.optional(), ...pageInput }),
    z.object({ days: z.number().int(), items: z.array(OverdueItem), total: z.number().int() }),
  ),
  /** `version` 0: still the shipped default; the settings form sends it back as expectedVersion. */
  'results/settings': query(z.object({}), ResultSettings.extend({ version: z.number().int() })),
  'results/saveSettings': command(ResultSettings.extend({ expectedVersion: ExpectedVersion }), ResultSettings.extend({ version: z.number().int() })),
  'followups/participant': query(
    z.object({ participantId: Id }),
    z.object({
      participant: ParticipantRef,
      program: z.object({ programId: Id, applicationNo: z.string(), fiscalYear: z.number().int(), title: z.string(), arrival: IsoDate }),
      followUps: z.array(FollowUp),
    }),
  ),
  'followups/save': command(
    z.object({ id: Id.nullable(), participantId: Id, kind: FollowUpKind, occurredOn: IsoDate, note: TextBlock.max(2000), expectedVersion: ExpectedVersion }),
    FollowUp,
  ),
  'followups/delete': command(z.object({ id: Id, expectedVersion: ExpectedVersion }), z.object({ deleted: z.boolean() })),
  /** Applications and adoptions of one fiscal year by course, country/region, field or call. */
  'stats/breakdown': query(z.object({ fiscalYear: FiscalYear, by: BreakdownBy }), z.array(StatsRow)),
  'stats/funnel': query(z.object({ fiscalYear: FiscalYear }), FunnelOut),
  'stats/people': query(z.object({}), z.array(PeopleYear)),
  'stats/outcomes': query(z.object({}), z.array(OutcomeYear)),
  /** Fiscal years with applications in the database (breakdowns exist only for those). */
  'stats/years': query(z.object({}), z.array(z.number().int())),
  'stats/dashboard': query(z.object({ today: IsoDate.optional() }), Dashboard),
  /** A chart's data (or, with 'all', every chart's) as .xlsx, headers in the caller's language. */
  'stats/export': query(
    z.object({ chart: ChartKind, fiscalYear: FiscalYear.optional(), by: BreakdownBy.optional() }),
    FileData,
  ),
};
