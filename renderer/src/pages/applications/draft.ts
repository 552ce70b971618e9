// The form's working copy of an application: text as typed, turned into an ApplicationInput (for
// saving) and a Plan (for the live eligibility check), with field-level problems as i18n keys.
import type { ApplicationDetail, ApplicationInput } from '../../../../shared/api/applications.ts';
import { isIsoDate } from '../../../../shared/dates.ts';
import { courseProgram, type Course, type Field, type Mode } from '../../../../shared/domain.ts';
import type { Plan } from '../../../../shared/rules/types.ts';
import { parseCount, parseYen } from '../../ui/format.ts';

export interface SendingRow {
  key: number;
  name: string;
  country: string;
}

export interface Draft {
  fiscalYear: string;
  applicationNo: string;
  call: string;
  course: Course;
  title: string;
  hostInstitution: string;
  applicant: string;
  sending: SendingRow[];
  /** Countries added by hand, beyond those of the sending institutions. */
  extraCountries: string[];
  field: Field;
  mode: Mode;
  invitees: string;
  escorts: string;
  arrival: string;
  departure: string;
  requestedAmount: string;
}

export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export type FieldName =
  | 'fiscalYear'
  | 'applicationNo'
  | 'title'
  | 'hostInstitution'
  | 'applicant'
  | 'invitees'
  | 'escorts'
  | 'arrival'
  | 'departure'
  | 'requestedAmount'
  | `sending.${number}`;

let nextKey = 1;
export const newSendingRow = (name = '', country = ''): SendingRow => ({ key: nextKey++, name, country });

export function emptyDraft(fiscalYear: number): Draft {
  return {
    fiscalYear: String(fiscalYear),
    applicationNo: '',
    call: '',
    course: 'A',
    title: '',
    hostInstitution: '',
    applicant: '',
    sending: [newSendingRow()],
    extraCountries: [],
    field: 'science',
    mode: 'in-person',
    invitees: '',
    escorts: '0',
    arrival: '',
    departure: '',
    requestedAmount: '',
  };
}

export function draftFromDetail(d: ApplicationDetail): Draft {
  const sending = d.sendingInstitutionsDetail.map((s) => newSendingRow(s.name, s.country ?? ''));
  const fromSending = new Set(sending.map((s) => s.country).filter(Boolean));
  return {
    fiscalYear: String(d.fiscalYear),
    applicationNo: d.applicationNo,
    call: d.call === null ? '' : String(d.call),
    course: d.course,
    title: d.title,
    hostInstitution: d.hostInstitution,
    applicant: d.applicant,
    sending: sending.length ? sending : [newSendingRow()],
    extraCountries: d.countries.filter((c) => !fromSending.has(c)),
    field: d.field,
    mode: d.mode,
    invitees: String(d.invitees),
    escorts: String(d.escorts),
    arrival: d.arrival,
    departure: d.departure,
    requestedAmount: String(d.requestedAmount),
  };
}

/** What to compare to know whether there are unsaved changes (row keys do not count). */
export function draftSignature(d: Draft): string {
  return JSON.stringify({ ...d, sending: d.sending.map((s) => [s.name.trim(), s.country]) });
}

/** Rows with nothing typed are ignored rather than reported. */
function usedSending(d: Draft): SendingRow[] {
  return d.sending.filter((s) => s.name.trim() !== '' || s.country !== '');
}

export function draftCountries(d: Draft): string[] {
  const out: string[] = [];
  for (const c of [...usedSending(d).map((s) => s.country), ...d.extraCountries]) if (c && !out.includes(c)) out.push(c);
  return out;
}

export function draftFiscalYear(d: Draft): number | null {
  const n = parseCount(d.fiscalYear);
  return n !== null && n >= 2000 && n <= 2100 ? n : null;
}

export function validateDraft(d: Draft): { problems: Partial<Record<FieldName, Problem>>; input: ApplicationInput | null } {
  const problems: Partial<Record<FieldName, Problem>> = {};
  const fiscalYear = draftFiscalYear(d);
  if (d.fiscalYear.trim() === '') problems.fiscalYear = { key: 'required' };
  else if (fiscalYear === null) problems.fiscalYear = { key: 'fiscalYear' };

  const text = (name: FieldName, value: string, max: number, required: boolean) => {
    const v = value.trim();
    if (required && v === '') problems[name] = { key: 'required' };
    else if (v.length > max) problems[name] = { key: 'tooLong', params: { max } };
  };
  text('applicationNo', d.applicationNo, 40, true);
  text('title', d.title, 500, true);
  text('hostInstitution', d.hostInstitution, 200, true);
  text('applicant', d.applicant, 200, false);

  const count = (name: 'invitees' | 'escorts', value: string): number | null => {
    if (value.trim() === '') {
      problems[name] = { key: 'required' };
      return null;
    }
    const n = parseCount(value);
    if (n === null) problems[name] = { key: 'count' };
    else if (n > 10000) problems[name] = { key: 'countMax' };
    return n;
  };
  const invitees = count('invitees', d.invitees);
  const escorts = count('escorts', d.escorts);

  for (const name of ['arrival', 'departure'] as const) {
    const v = d[name];
    if (v.trim() === '') problems[name] = { key: 'required' };
    else if (!isIsoDate(v)) problems[name] = { key: 'date' };
  }
  if (!problems.arrival && !problems.departure && d.departure < d.arrival) problems.departure = { key: 'departureBefore' };

  let amount: number | null = null;
  if (d.requestedAmount.trim() === '') problems.requestedAmount = { key: 'required' };
  else {
    amount = parseYen(d.requestedAmount);
    if (amount === null) problems.requestedAmount = { key: 'amount' };
    else if (amount > 10_000_000_000) problems.requestedAmount = { key: 'amountMax' };
  }

  d.sending.forEach((s, i) => {
    if (s.name.trim() === '' && s.country !== '') problems[`sending.${i}`] = { key: 'sendingName' };
    else if (s.name.trim().length > 200) problems[`sending.${i}`] = { key: 'tooLong', params: { max: 200 } };
  });

  if (Object.keys(problems).length > 0 || fiscalYear === null || invitees === null || escorts === null || amount === null) {
    return { problems, input: null };
  }
  return {
    problems,
    input: {
      fiscalYear,
      applicationNo: d.applicationNo.trim(),
      call: d.call === '' ? null : Number(d.call),
      course: d.course,
      title: d.title.trim(),
      hostInstitution: d.hostInstitution.trim(),
      applicant: d.applicant.trim(),
      sendingInstitutions: usedSending(d).map((s) => ({ name: s.name.trim(), country: s.country || null })),
      countries: draftCountries(d),
      field: d.field,
      mode: d.mode,
      invitees,
      escorts,
      arrival: d.arrival,
      departure: d.departure,
      requestedAmount: amount,
    },
  };
}

/** The plan the eligibility engine sees, built from whatever is typed so far (same as main/'s applicationPlan). */
export function draftPlan(d: Draft, fiscalYear: number): Plan {
  return {
    program: courseProgram(d.course),
    course: d.course,
    fiscalYear,
    field: d.field,
    mode: d.mode,
    arrival: d.arrival,
    departure: d.departure,
    invitees: parseCount(d.invitees) ?? 0,
    escorts: parseCount(d.escorts) ?? 0,
    institutions: usedSending(d).map((s) => s.name),
    countries: draftCountries(d),
  };
}
