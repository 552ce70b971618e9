// Calls of the programs area: adopted plans (採択) as programs to run, with their participant
// roster (参加者名簿) and itinerary (日程表). A program's id is its application's id.
import { z } from 'zod';
import { TextLine } from '../text.ts';
import { Course, Field, Id, Mode, Program, Status } from '../domain.ts';
import { Participant, ParticipantInput, Slot, SlotInput } from '../programs.ts';
import { RuleSet, RuleSetRef } from '../rules/ruleset.ts';
import { Finding } from '../rules/types.ts';
import { FileData } from './applications.ts';
import { command, query } from './define.ts';
import { ExpectedVersion, VersionStamp } from './version.ts';
import { page, pageInput } from './page.ts';

export const ProgramSummary = z.object({
  id: Id,
  applicationNo: z.string(),
  fiscalYear: z.number().int(),
  program: Program,
  course: Course,
  title: z.string(),
  hostInstitution: z.string(),
  sendingInstitutions: z.array(z.string()),
  countries: z.array(z.string()),
  field: Field,
  mode: Mode,
  status: Status,
  arrival: z.string(),
  departure: z.string(),
  /** Counted from the roster, not the application's planned numbers. */
  invitees: z.number().int(),
  escorts: z.number().int(),
  slots: z.number().int(),
  /** Codes from the roster and the itinerary checks. */
  violations: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ProgramSummary = z.infer<typeof ProgramSummary>;

export const ProgramCheckResult = z.object({
  ok: z.boolean(),
  ruleSet: RuleSetRef,
  violations: z.array(Finding),
  warnings: z.array(Finding),
  invitees: z.number().int(),
  escorts: z.number().int(),
});

export const ProgramDetail = z.object({
  program: ProgramSummary,
  /** The year's rule set, so the renderer re-runs the same checks while staff edit. */
  ruleSet: RuleSet,
  participants: z.array(Participant),
  slots: z.array(Slot),
  check: ProgramCheckResult,
  /** Each list is saved whole, so each has one version; its editor sends it back as expectedVersion. */
  rosterVersion: z.object(VersionStamp),
  itineraryVersion: z.object(VersionStamp),
});
export type ProgramDetail = z.infer<typeof ProgramDetail>;

export const ROSTER_COLUMNS = [
  'no',
  'name',
  'nativeName',
  'sex',
  'birthDate',
  'age',
  'nationality',
  'affiliation',
  'position',
  'role',
  'email',
] as const;
export const RosterColumn = z.enum(ROSTER_COLUMNS);
export type RosterColumn = z.infer<typeof RosterColumn>;

export const programsCalls = {
  /**
   * A page of one fiscal year's programs (default: the current year; 'all': every year), by planned
   * arrival, with `total` from a COUNT. Rosters and itineraries are read for the page only.
   */
  'programs/list': query(
    z.object({ fiscalYear: z.union([z.number().int(), z.literal('all')]).optional(), q: TextLine.max(200).optional(), ...pageInput }),
    page(ProgramSummary),
  ),
  'programs/get': query(z.object({ id: Id }), ProgramDetail),
  /** Replaces the whole roster in one transaction: the table editor saves what it shows. */
  'programs/saveParticipants': command(
    z.object({ id: Id, participants: z.array(ParticipantInput).max(2000), expectedVersion: ExpectedVersion }),
    ProgramDetail,
  ),
  /** Replaces the whole itinerary in one transaction. */
  'programs/saveItinerary': command(z.object({ id: Id, slots: z.array(SlotInput).max(2000), expectedVersion: ExpectedVersion }), ProgramDetail),
  /**
   * The host's list (.xlsx / .csv), all or nothing; people who break a rule are imported and flagged.
   * `expectedVersion`: the roster version the screen showed; a roster changed since gets CONFLICT,
   * as a stale `programs/saveParticipants` does.
   */
  'programs/importParticipants': command(
    // jobId: job/progress events (read, parse, check, write) while the file is imported.
    FileData.extend({ id: Id, mode: z.enum(['replace', 'append']).default('replace'), expectedVersion: ExpectedVersion, jobId: TextLine.max(64).optional() }),
    z.object({ added: z.number().int(), rows: z.number().int(), detail: ProgramDetail }),
  ),
  'programs/exportRoster': query(
    z.object({
      id: Id,
      format: z.enum(['xlsx', 'csv']),
      columns: z.array(RosterColumn).min(1).optional(),
    }),
    FileData,
  ),
  'programs/exportItinerary': query(z.object({ id: Id }), FileData),
};
