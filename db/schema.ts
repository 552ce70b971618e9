// Today's shape of the database, for typed queries. Migrations do not use these types (they take
// Kysely<any>) so that they stay frozen when this file changes.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Optimistic concurrency (migration 0008): bumped by every save, named by the next one. */
interface Versioned {
  row_version: Generated<number>;
  updated_by: string | null;
}

/** Migration 0010: tables that already named their last editor got only the version. */
interface VersionOnly {
  row_version: Generated<number>;
}

/** A list saved whole (roster, itinerary): its version on the program's application row (0010). */
type ListVersion<P extends string> = { [K in `${P}_version`]: Generated<number> } & { [K in `${P}_updated_by` | `${P}_updated_at`]: string | null };

interface Stamped {
  created_at: string;
  updated_at: string;
}

export interface CallRoundTable extends Stamped, Versioned {
  id: string;
  fiscal_year: number;
  number: number;
  opens_on: string | null;
  closes_on: string | null;
  budget_yen: number | null;
}

export interface RuleSetTable extends Stamped {
  id: string;
  fiscal_year: number;
  version: number;
  values_json: string;
  updated_by: string;
}

export interface RuleSetChangeTable {
  id: string;
  fiscal_year: number;
  version: number;
  values_json: string;
  note: string | null;
  changed_by: string;
  changed_at: string;
}

export interface InstitutionTable extends Stamped, Versioned {
  id: string;
  name_ja: string;
  name_en: string | null;
  normalized_name: string;
  country: string | null;
  kind: string;
}

export interface ApplicationTable extends Stamped, Versioned, ListVersion<'roster'>, ListVersion<'itinerary'> {
  id: string;
  fiscal_year: number;
  application_no: string;
  call_number: number | null;
  program: string;
  course: string;
  title: string;
  host_institution_id: string;
  applicant: string;
  field: string;
  mode: string;
  invitees: number;
  escorts: number;
  arrival: string;
  departure: string;
  requested_amount: number;
  status: string;
  violation_codes: string;
  warning_codes: string;
}

export interface ApplicationSendingTable {
  application_id: string;
  position: number;
  institution_id: string;
}

export interface ApplicationCountryTable {
  application_id: string;
  position: number;
  country: string;
  /** The application's fiscal year, copied so "one year's applications of a country" is one index range (0011). */
  fiscal_year: number | null;
}

export interface ApplicationStatusChangeTable {
  id: string;
  application_id: string;
  from_status: string | null;
  to_status: string;
  comment: string | null;
  changed_by: string;
  changed_at: string;
  /** Why staff adopted a plan with open violations (0006); optional on insert. */
  override_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface InstitutionAliasTable {
  id: string;
  institution_id: string;
  name: string;
  /** 'ja' | 'en' | 'abbr' | 'merged' */
  kind: string;
  created_at: string;
}

export interface TrackRecordTable {
  fiscal_year: number;
  applications: number;
  adoptions: number;
  source: string;
}

export interface Database {
  call_round: CallRoundTable;
  rule_set: RuleSetTable;
  rule_set_change: RuleSetChangeTable;
  institution: InstitutionTable;
  institution_alias: InstitutionAliasTable;
  application: ApplicationTable;
  application_sending: ApplicationSendingTable;
  application_country: ApplicationCountryTable;
  application_status_change: ApplicationStatusChangeTable;
  track_record: TrackRecordTable;
  participant: ParticipantTable;
  itinerary_slot: ItinerarySlotTable;
  program_check: ProgramCheckTable;
  program_result: ProgramResultTable;
  follow_up: FollowUpTable;
  app_setting: AppSettingTable;
  reviewer: ReviewerTable;
  reviewer_conflict: ReviewerConflictTable;
  review_assignment: ReviewAssignmentTable;
  review_rubric: ReviewRubricTable;
  review: ReviewTable;
  review_export: ReviewExportTable;
  import_batch: ImportBatchTable;
  import_batch_row: ImportBatchRowTable;
}

/** One import written in chunks (0013): undone as a whole unless it completes. */
export interface ImportBatchTable {
  id: string;
  kind: string;
  file_name: string;
  actor: string;
  owner: string;
  state: string;
  started_at: string;
  finished_at: string | null;
}

/** What a running import changed: an added row, or the before-image of an updated one. */
export interface ImportBatchRowTable {
  batch_id: string;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_version: number;
}

export type InstitutionRow = Selectable<InstitutionTable>;
export type NewInstitution = Insertable<InstitutionTable>;
export type ApplicationRow = Selectable<ApplicationTable>;
export type NewApplication = Insertable<ApplicationTable>;
export type ApplicationUpdate = Updateable<ApplicationTable>;
export type CallRoundRow = Selectable<CallRoundTable>;
export type RuleSetRow = Selectable<RuleSetTable>;
export type RuleSetChangeRow = Selectable<RuleSetChangeTable>;
export type StatusChangeRow = Selectable<ApplicationStatusChangeTable>;

export interface ParticipantTable {
  id: string;
  application_id: string;
  position: number;
  family_name: string;
  given_name: string;
  native_name: string | null;
  /** 'female' | 'male' | 'other' */
  sex: string | null;
  birth_date: string | null;
  nationality: string | null;
  affiliation: string | null;
  /** 'undergraduate' | 'master' | 'doctoral' | 'postdoc' | 'researcher' | 'high-school' | 'teacher' | 'official' | 'other' */
  position_title: string | null;
  /** 'invitee' | 'escort' */
  role: string;
  email: string | null;
  created_at: string;
  updated_at: string;
}

export interface ItinerarySlotTable {
  id: string;
  application_id: string;
  date: string;
  start_time: string;
  end_time: string;
  activity: string;
  /** 'lecture' | 'lab-visit' | 'research' | 'site-visit' | 'culture' | 'exchange' | 'travel' | 'free' */
  kind: string;
  at_host: number;
  place: string | null;
  person_in_charge: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** A program's last check and the key of what it was computed from (migration 0012). */
export interface ProgramCheckTable {
  application_id: string;
  check_key: string;
  invitees: number;
  escorts: number;
  slots: number;
  /** Codes once each, space-separated, in first-seen order (as application.violation_codes). */
  violations: string;
  warnings: string;
}

export type ParticipantRow = Selectable<ParticipantTable>;
export type ItinerarySlotRow = Selectable<ItinerarySlotTable>;

/** 実施報告: one row per program (adopted application), from migration 0004. */
export interface ProgramResultTable extends Stamped, VersionOnly {
  id: string;
  application_id: string;
  actual_arrival: string | null;
  actual_departure: string | null;
  actual_invitees: number | null;
  actual_escorts: number | null;
  report_received_on: string | null;
  opinion_reports_received_on: string | null;
  spent_yen: number | null;
  refunded_yen: number | null;
  summary: string;
  updated_by: string;
}

export interface FollowUpTable extends Stamped, VersionOnly {
  id: string;
  participant_id: string;
  /** 'returned-student' | 'returned-researcher' | 'joint-research' | 'joint-paper' | 'other' */
  kind: string;
  occurred_on: string;
  note: string;
  recorded_by: string;
}

export interface AppSettingTable extends Stamped, VersionOnly {
  key: string;
  value: string;
  updated_by: string;
}

export type ProgramResultRow = Selectable<ProgramResultTable>;
export type FollowUpRow = Selectable<FollowUpTable>;

// Review (migration 0002-review).
export interface ReviewerTable extends Stamped, Versioned {
  id: string;
  name: string;
  normalized_name: string;
  /** 'committee' | 'external' */
  kind: string;
  institution_id: string | null;
  email: string | null;
  fields_json: string;
  countries_json: string;
  active_calls_json: string;
  max_load: number | null;
  active: number;
}

export interface ReviewerConflictTable extends Stamped {
  id: string;
  reviewer_id: string;
  application_id: string;
  reason: string;
  declared_by: string;
}

export interface ReviewAssignmentTable extends Stamped {
  id: string;
  application_id: string;
  reviewer_id: string;
  batch_id: string | null;
  due_on: string | null;
  assigned_by: string;
}

export interface ReviewRubricTable extends Stamped, VersionOnly {
  id: string;
  fiscal_year: number;
  call_number: number;
  criteria_json: string;
  updated_by: string;
}

export interface ReviewTable extends Stamped, VersionOnly {
  id: string;
  assignment_id: string;
  application_id: string;
  reviewer_id: string;
  scores_json: string;
  score: number;
  recommendation: string;
  confidence: number;
  comment: string;
  /** 'app' | 'excel' */
  source: string;
  submitted_by: string;
}

export interface ReviewExportTable extends Stamped {
  id: string;
  fiscal_year: number;
  call_number: number | null;
  reviewer_id: string;
  assignment_ids: string;
  exported_by: string;
}

export type ReviewerRow = Selectable<ReviewerTable>;
export type ReviewAssignmentRow = Selectable<ReviewAssignmentTable>;
export type ReviewRow = Selectable<ReviewTable>;
export type NewReview = Insertable<ReviewTable>;
