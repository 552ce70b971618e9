// Fiscal years, calls (公募回), rule sets, institutions and statistics: the reference data around
// applications.
import { z } from 'zod';
import { CountryCode, FiscalYear, Id, InstitutionKind, IsoDate } from '../domain.ts';
import { RuleSet, RuleValues } from '../rules/ruleset.ts';
import { TextBlock, TextLine } from '../text.ts';
import { command, query } from './define.ts';
import { ExpectedVersion, VersionStamp } from './version.ts';
import { page, pageInput } from './page.ts';

/** Calls (公募回) one fiscal year may have: a year's list is one page of this size. */
export const MAX_CALLS_PER_YEAR = 12;

export const CallRound = z.object({
  id: Id,
  fiscalYear: z.number().int(),
  number: z.number().int(),
  opensOn: IsoDate.nullable(),
  closesOn: IsoDate.nullable(),
  budgetYen: z.number().int().nullable(),
  ...VersionStamp,
});

export const Institution = z.object({
  id: Id,
  nameJa: z.string(),
  nameEn: z.string().nullable(),
  country: CountryCode.nullable(),
  kind: InstitutionKind,
  normalizedName: z.string(),
  hostedCount: z.number().int(),
  sentCount: z.number().int(),
  ...VersionStamp,
});
export type Institution = z.infer<typeof Institution>;

export const INSTITUTION_SORTS = ['name', 'country', 'kind', 'hosted', 'sent'] as const;
export const InstitutionSort = z.enum(INSTITUTION_SORTS);
export type InstitutionSort = z.infer<typeof InstitutionSort>;

export const InstitutionFilter = z.object({
  /** Words in any name or alias (Japanese, English, abbreviation). */
  q: TextLine.max(200).optional(),
  kind: InstitutionKind.optional(),
  country: CountryCode.optional(),
  /** Only these institutions (a detail page, a picker's chosen entry). */
  ids: z.array(Id).max(1000).optional(),
  /** Sorted in SQL by this key (then the normalised name and the id); default: by name. */
  sort: InstitutionSort.optional(),
  dir: z.enum(['asc', 'desc']).default('asc'),
  ...pageInput,
});

export const RuleSetChange = z.object({
  version: z.number().int(),
  changedAt: z.string(),
  changedBy: z.string(),
  note: z.string().nullable(),
  values: RuleValues,
});

export const YearStat = z.object({
  fiscalYear: z.number().int(),
  applications: z.number().int(),
  adoptions: z.number().int(),
  /** true for the source document's official record (2014–2019), shipped with the app. */
  builtIn: z.boolean(),
});

export const referenceCalls = {
  /** A page of calls (newest year first, then by number), `total` from a COUNT. */
  'calls/list': query(z.object({ fiscalYear: z.number().int().optional(), ...pageInput }), page(CallRound)),
  'calls/save': command(
    z.object({
      fiscalYear: FiscalYear,
      number: z.number().int().min(1).max(MAX_CALLS_PER_YEAR),
      opensOn: IsoDate.nullable(),
      closesOn: IsoDate.nullable(),
      budgetYen: z.number().int().min(0).nullable(),
      /** The call's version when the form loaded it; 0 for a call number not saved yet. */
      expectedVersion: ExpectedVersion,
    }),
    CallRound,
  ),
  'rulesets/get': query(z.object({ fiscalYear: FiscalYear }), RuleSet),
  'rulesets/save': command(
    z.object({
      fiscalYear: FiscalYear,
      values: RuleValues,
      note: TextBlock.max(1000).nullable().optional(),
      /** The version the form started from (0: the shipped default); a stale one gets CONFLICT. */
      expectedVersion: z.number().int().min(0).optional(),
    }),
    RuleSet,
  ),
  /** A page of a year's rule-set changes, newest first, `total` from a COUNT. */
  'rulesets/history': query(z.object({ fiscalYear: FiscalYear, ...pageInput }), page(RuleSetChange)),
  /** A page of the matching institutions and `total`, a COUNT of all of them. */
  'institutions/list': query(InstitutionFilter, page(Institution)),
  'institutions/save': command(
    z.object({
      id: Id.nullable(),
      nameJa: TextLine.min(1).max(200),
      nameEn: TextLine.max(200).nullable(),
      country: CountryCode.nullable(),
      kind: InstitutionKind,
      expectedVersion: ExpectedVersion,
    }),
    Institution,
  ),
  /**
   * A page of groups of institutions whose names or aliases are equal after normalisation (in the
   * dictionary's name order), `total` the number of groups; program counts are read for the page's
   * members only. With `institutionId`: the group holding that institution, if any.
   */
  'institutions/duplicates': query(z.object({ institutionId: Id.optional(), ...pageInput }), page(z.array(Institution))),
  'institutions/merge': command(z.object({ keepId: Id, mergeIds: z.array(Id).min(1) }), Institution),
  /** 実施機関リスト: a page of an institution's programs over the years (newest first), `total` from a COUNT. */
  'institutions/programs': query(
    z.object({ id: Id, ...pageInput }),
    page(
      z.object({
        applicationId: Id,
        fiscalYear: z.number().int(),
        applicationNo: z.string(),
        title: z.string(),
        role: z.enum(['host', 'sending']),
        status: z.string(),
      }),
    ),
  ),
  'stats/byYear': query(z.object({}), z.array(YearStat)),
};
