import { z } from 'zod';
import { CountryCode, Course, Field, FiscalYear, Id, IsoDate, Mode, Program, Status } from '../domain.ts';
import { EligibilityResult, Plan } from '../rules/types.ts';
import { MAX_IMPORT_BASE64_CHARS } from '../limits.ts';
import { TextBlock, TextLine } from '../text.ts';
import { command, query } from './define.ts';
import { page, pageInput } from './page.ts';

export const SendingInstitution = z.object({ id: Id, name: z.string(), country: CountryCode.nullable() });

export const ApplicationSummary = z.object({
  id: Id,
  applicationNo: z.string(),
  fiscalYear: z.number().int(),
  call: z.number().int().nullable(),
  program: Program,
  course: Course,
  title: z.string(),
  hostInstitution: z.string(),
  hostInstitutionId: Id,
  applicant: z.string(),
  sendingInstitutions: z.array(z.string()),
  countries: z.array(z.string()),
  field: Field,
  mode: Mode,
  invitees: z.number().int(),
  escorts: z.number().int(),
  arrival: z.string(),
  departure: z.string(),
  requestedAmount: z.number().int(),
  status: Status,
  violations: z.array(z.string()),
  warnings: z.array(z.string()),
  updatedAt: z.string(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const StatusChange = z.object({
  id: Id,
  fromStatus: Status.nullable(),
  toStatus: Status,
  changedAt: z.string(),
  changedBy: z.string(),
  comment: z.string().nullable(),
  /** Set when staff adopted a plan with open violations: the reason they gave. */
  overrideReason: z.string().nullable().default(null),
});

export const ApplicationDetail = ApplicationSummary.extend({
  sendingInstitutionsDetail: z.array(SendingInstitution),
  eligibility: EligibilityResult,
  history: z.array(StatusChange),
  createdAt: z.string(),
  /** Bumped by every save; the edit form sends it back as expectedVersion (team mode). */
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

/** What staff type in the form (and what an import row becomes). */
export const ApplicationInput = z.object({
  fiscalYear: FiscalYear,
  applicationNo: TextLine.min(1).max(40),
  call: z.number().int().min(1).max(12).nullable(),
  course: Course,
  // Multi-line: long titles arrive with Alt+Enter line breaks from Excel cells.
  title: TextBlock.min(1).max(500),
  hostInstitution: TextLine.min(1).max(200),
  applicant: TextLine.max(200),
  sendingInstitutions: z
    .array(z.object({ name: TextLine.min(1).max(200), country: CountryCode.nullable() }))
    .max(50),
  countries: z.array(CountryCode).max(50),
  field: Field,
  mode: Mode,
  invitees: z.number().int().min(0).max(10000),
  escorts: z.number().int().min(0).max(10000),
  arrival: IsoDate,
  departure: IsoDate,
  requestedAmount: z.number().int().min(0).max(10_000_000_000),
});
export type ApplicationInput = z.infer<typeof ApplicationInput>;

export const APPLICATION_SORTS = ['applicationNo', 'fiscalYear', 'course', 'title', 'hostInstitution', 'countries', 'invitees', 'arrival', 'requestedAmount', 'status', 'eligibility'] as const;
export const ApplicationSort = z.enum(APPLICATION_SORTS);
export type ApplicationSort = z.infer<typeof ApplicationSort>;

export const ApplicationFilter = z.object({
  fiscalYear: z.number().int().optional(),
  call: z.number().int().optional(),
  course: Course.optional(),
  status: Status.optional(),
  country: CountryCode.optional(),
  /** true: only applications with violations; false: only clean ones. */
  hasViolations: z.boolean().optional(),
  q: TextLine.max(200).optional(),
  /** Sorted in SQL by this column (then 受付番号); default: newest year first, then 受付番号. */
  sort: ApplicationSort.optional(),
  dir: z.enum(['asc', 'desc']).default('asc'),
  /** Only applications without a call number (call: absent means any). */
  noCall: z.boolean().optional(),
  ...pageInput,
});

export const ImportProblem = z.object({
  /** Spreadsheet row number, header = row 1; null for file-level problems. */
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
  messageEn: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const FileData = z.object({
  fileName: TextLine.min(1).max(260),
  /** File bytes, base64: the one encoding every door (IPC, JSON over HTTP, CLI) carries unchanged. */
  dataBase64: z.string().max(MAX_IMPORT_BASE64_CHARS + 4096).regex(/^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/, 'base64'),
});

export const applicationsCalls = {
  /** A page of the matching applications (newest year first) and `total`, a COUNT of all of them. */
  'applications/list': query(ApplicationFilter, page(ApplicationSummary)),
  'applications/get': query(z.object({ id: Id }), ApplicationDetail),
  'applications/save': command(
    // expectedVersion: the version the form started from; a stale save gets CONFLICT.
    z.object({ id: Id.nullable(), data: ApplicationInput, expectedVersion: z.number().int().min(1).optional() }),
    ApplicationDetail,
  ),
  'applications/setStatus': command(
    z.object({
      id: Id,
      status: Status,
      comment: TextBlock.max(2000).nullable().optional(),
      /** Adopting a plan with open violations needs a reason (kept in the history). */
      override: TextBlock.min(1).max(2000).nullable().optional(),
    }),
    ApplicationDetail,
  ),
  'applications/delete': command(z.object({ id: Id, expectedVersion: z.number().int().min(1).optional() }), z.object({ deleted: z.boolean() })),
  'applications/import': command(
    FileData.extend({ jobId: TextLine.max(64).optional() }),
    z.object({ added: z.number().int(), updated: z.number().int(), rows: z.number().int() }),
  ),
  'applications/template': query(z.object({}), FileData),
  'eligibility/check': query(z.object({ plan: Plan }), EligibilityResult),
};
