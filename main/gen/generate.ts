// A realistic (or stressful) multi-year database for benchmarks and tests: `npm run gen`. The
// same seed gives the same rows (ids and times included); the years end at the current fiscal
// year. Rows go through db/bulk.ts in one transaction per year, as an import would write them.
import { bulkInsert } from '../../db/bulk.ts';
import { backfillProgramChecks } from '../jobs/backfill-checks.ts';
import type { DB } from '../../db/open.ts';
import { addDays } from '../../shared/dates.ts';
import { courseProgram, fiscalYearOf, type Course } from '../../shared/domain.ts';
import { DEFAULT_CRITERIA } from '../../shared/review/rubric.ts';
import { normalizeName } from '../../shared/text.ts';
import { personName } from '../demo/people.ts';
import { JP_FAMILY, JP_GIVEN, MAIN_COUNTRIES, RESEARCH_FIELDS, THEMES, japaneseInstitutions, overseasInstitutions } from './names.ts';

export type Scale = 'realistic' | 'stress';

export interface GenOptions {
  years: number;
  seed: number;
  scale: Scale;
  /** "Today", for the current fiscal year and what is past; default: the real today. */
  today?: string;
  onYear?: (fiscalYear: number, done: number, total: number) => void;
}

export interface GenSummary {
  fromYear: number;
  toYear: number;
  rows: Record<string, number>;
}

type Rand = () => number;

/** Mulberry32: small, fast and good enough to make data look varied. */
function rng(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const USER = 'generator';

export async function generate(db: DB, o: GenOptions): Promise<GenSummary> {
  const rand = rng(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const today = o.today ?? new Date().toISOString().slice(0, 10);
  const toYear = fiscalYearOf(today);
  const fromYear = toYear - o.years + 1;
  const appsPerYear = o.scale === 'stress' ? 2000 : 1000;
  const peopleFactor = o.scale === 'stress' ? 5 : 1;
  const rows: Record<string, number> = {};
  const count = (t: string, n: number) => (rows[t] = (rows[t] ?? 0) + n);

  // Ids look like UUIDv7 (time of the fiscal year, then a counter): unique, sortable, repeatable.
  let serial = 0;
  const seedHex = (o.seed >>> 0).toString(16).padStart(8, '0').slice(-7);
  const id = (ms: number) => {
    const t = ms.toString(16).padStart(12, '0');
    const n = (serial++).toString(16).padStart(12, '0');
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${seedHex.slice(0, 3)}-8${seedHex.slice(3, 6)}-${n}`;
  };
  const stamp = (iso: string) => `${iso}T09:00:00.000Z`;

  // Reference data, once: ~1,500 institutions in 115 countries, ~300 reviewers.
  const hosts = japaneseInstitutions();
  const abroad = overseasInstitutions(1500 - hosts.length, 115);
  const t0 = Date.UTC(fromYear, 3, 1);
  const created = stamp(`${fromYear}-04-01`);
  const institutions = [...hosts, ...abroad].map((s) => ({
    id: id(t0),
    name_ja: s.nameJa,
    name_en: s.nameEn,
    normalized_name: normalizeName(s.nameJa),
    country: s.country,
    kind: s.kind,
    created_at: created,
    updated_at: created,
  }));
  const hostRows = institutions.slice(0, hosts.length);
  const abroadRows = institutions.slice(hosts.length);
  // Senders weighted to where most invitees come from: one draw in three from anywhere.
  const mainAbroad = abroadRows.filter((r) => MAIN_COUNTRIES.includes(r.country));
  const pickSender = () => (rand() < 0.67 ? pick(mainAbroad) : pick(abroadRows));
  const reviewers = Array.from({ length: 300 }, (_, i) => {
    const name = `${pick(JP_FAMILY)} ${pick(JP_GIVEN)}${i >= 200 ? ` (${i})` : ''}`;
    return {
      id: id(t0),
      name,
      normalized_name: normalizeName(name),
      kind: i < 60 ? 'committee' : 'external',
      institution_id: pick(hostRows).id,
      email: `reviewer${i + 1}@example.jp`,
      fields_json: JSON.stringify([pick(RESEARCH_FIELDS), pick(RESEARCH_FIELDS)].filter((v, k, a) => a.indexOf(v) === k)),
      countries_json: '[]',
      active_calls_json: '[]',
      max_load: null,
      active: i < 280 ? 1 : 0,
      created_at: created,
      updated_at: created,
    };
  });
  await db.transaction().execute(async (trx) => {
    await bulkInsert(trx, 'institution', institutions);
    await bulkInsert(trx, 'reviewer', reviewers);
  });
  count('institution', institutions.length);
  count('reviewer', reviewers.length);

  for (let fy = fromYear; fy <= toYear; fy++) {
    const current = fy === toYear;
    const yearMs = Date.UTC(fy, 3, 1);
    const nCalls = rand() < 0.5 ? 3 : 4;
    const calls = Array.from({ length: nCalls }, (_, k) => {
      const opens = addDays(`${fy}-04-01`, k * 75);
      return {
        id: id(yearMs),
        fiscal_year: fy,
        number: k + 1,
        opens_on: opens,
        closes_on: addDays(opens, 35),
        budget_yen: Math.round(1_200_000_000 / nCalls),
        created_at: stamp(`${fy}-04-01`),
        updated_at: stamp(`${fy}-04-01`),
      };
    });
    const apps: any[] = [];
    const sending: any[] = [];
    const countries: any[] = [];
    const history: any[] = [];
    const assignments: any[] = [];
    const reviews: any[] = [];
    const participants: any[] = [];
    const slots: any[] = [];
    const results: any[] = [];
    const followUps: any[] = [];

    const nApps = Math.round(appsPerYear * (0.95 + rand() * 0.1));
    const perCall = new Array<number>(nCalls).fill(0);
    for (let i = 0; i < nApps; i++) {
      const callNo = 1 + Math.floor(rand() * nCalls);
      const no = ++perCall[callNo - 1]!;
      const callRow = calls[callNo - 1]!;
      const course = pick(['A', 'A', 'A', 'B', 'C', 'C'] as const) as Course;
      const senders = [pickSender()];
      const extra = course === 'C' ? int(0, 2) : rand() < 0.25 ? 1 : 0;
      for (let k = 0; k < extra; k++) {
        const s = pickSender();
        if (!senders.includes(s)) senders.push(s);
      }
      const countryList = [...new Set(senders.map((s) => s.country))];
      const arrival = addDays(callRow.closes_on, 60 + int(0, 150));
      const stay = course === 'A' ? int(6, 9) : course === 'B' ? int(14, 21) : int(8, 10);
      const departure = addDays(arrival, stay - 1);
      const invitees = int(5, 25);
      const escorts = int(1, 3);
      const theme = pick(THEMES);
      const receivedOn = addDays(callRow.opens_on, int(0, 34));
      const decidedOn = addDays(callRow.closes_on, 40);
      // What is decided by today: every past year, and this year's calls whose decision day passed.
      // The current year's last call is always still in review, so the queues have work in them.
      const decided = decidedOn < today && !(current && callNo === nCalls);
      const adopted = decided && rand() < 0.575;
      const ended = departure < today;
      let status: string;
      if (!decided) status = rand() < 0.4 ? 'received' : 'under-review';
      // Reports arrive within months: only this year's and some of last year's visits still lack them.
      else if (adopted) status = !ended ? 'adopted' : current || (fy === toYear - 1 && rand() < 0.25) ? 'implemented' : 'reported';
      else {
        const r = rand();
        status = r < 0.8 ? 'rejected' : r < 0.9 ? 'waitlisted' : 'withdrawn';
      }
      const broken = !adopted && rand() < 0.15;
      const appId = id(yearMs + i);
      apps.push({
        id: appId,
        fiscal_year: fy,
        application_no: `${fy}-${callNo}${String(no).padStart(4, '0')}`,
        call_number: callNo,
        program: courseProgram(course),
        course,
        title: `${theme}に関する${course === 'B' ? '共同研究' : course === 'C' ? '技術研修' : '科学技術体験'}プログラム（${senders[0]!.name_ja}）`,
        host_institution_id: pick(hostRows).id,
        applicant: `${pick(JP_FAMILY)} ${pick(JP_GIVEN)}`,
        field: rand() < 0.06 ? 'humanities' : 'science',
        mode: course !== 'A' && rand() < 0.05 ? 'online' : 'in-person',
        invitees: invitees * peopleFactor,
        escorts,
        arrival,
        departure,
        requested_amount: (invitees * peopleFactor + escorts) * (course === 'B' ? 450_000 : 250_000),
        status,
        violation_codes: broken ? pick(['STAY_TOO_LONG', 'TOO_MANY_INVITEES']) : '',
        warning_codes: rand() < 0.1 ? pick(['NEAR_INVITEE_LIMIT', 'SHORT_STAY']) : '',
        created_at: stamp(receivedOn),
        updated_at: stamp(decided ? decidedOn : receivedOn),
      });
      senders.forEach((s, position) => sending.push({ application_id: appId, position, institution_id: s.id }));
      countryList.forEach((country, position) => countries.push({ application_id: appId, position, country, fiscal_year: fy }));
      history.push({ id: id(yearMs), application_id: appId, from_status: null, to_status: 'received', comment: null, changed_by: USER, changed_at: stamp(receivedOn) });

      // Review: 3–4 reviewers; all submitted once decided, about 60% while the call is open.
      if (status !== 'received') {
        const assignedOn = addDays(callRow.closes_on, 3);
        history.push({ id: id(yearMs), application_id: appId, from_status: 'received', to_status: 'under-review', comment: null, changed_by: USER, changed_at: stamp(assignedOn) });
        const chosen = new Set<number>();
        const n = int(3, 4);
        while (chosen.size < n) chosen.add(int(0, 279));
        for (const r of chosen) {
          const assignmentId = id(yearMs);
          const due = addDays(assignedOn, 21);
          assignments.push({ id: assignmentId, application_id: appId, reviewer_id: reviewers[r]!.id, batch_id: null, due_on: due, assigned_by: USER, created_at: stamp(assignedOn), updated_at: stamp(assignedOn) });
          if (!decided && rand() >= 0.6) continue;
          const base = adopted ? 3.6 : 2.6;
          const scores = DEFAULT_CRITERIA.map((c) => ({ criterion: c.key, label: c.label, score: Math.max(1, Math.min(5, Math.round(base + (rand() - 0.5) * 2.4))), comment: '' }));
          const score = scores.reduce((s, x) => s + x.score, 0) / scores.length;
          reviews.push({
            id: id(yearMs),
            assignment_id: assignmentId,
            application_id: appId,
            reviewer_id: reviewers[r]!.id,
            scores_json: JSON.stringify(scores),
            score,
            recommendation: score >= 4 ? 'strong-adopt' : score >= 3.2 ? 'adopt' : score >= 2.5 ? 'neutral' : 'reject',
            confidence: int(1, 3),
            comment: '',
            source: rand() < 0.7 ? 'excel' : 'app',
            submitted_by: USER,
            created_at: stamp(addDays(assignedOn, int(3, 20))),
            updated_at: stamp(addDays(assignedOn, int(3, 20))),
          });
        }
      }
      if (decided) {
        history.push({ id: id(yearMs), application_id: appId, from_status: 'under-review', to_status: adopted ? 'adopted' : status, comment: null, changed_by: USER, changed_at: stamp(decidedOn) });
      }
      if (!adopted) continue;

      // The program: roster, itinerary, and for visits that ended, the result and follow-ups.
      const people = invitees * peopleFactor + escorts;
      const pIds: string[] = [];
      for (let p = 0; p < people; p++) {
        const sender = senders[p % senders.length]!;
        const [family, given, native, sex] = personName(sender.country, rand);
        const escort = p < escorts;
        const pid = id(yearMs + i);
        if (!escort) pIds.push(pid);
        const age = escort ? int(38, 60) : int(20, 34);
        participants.push({
          id: pid,
          application_id: appId,
          position: p + 1,
          family_name: family,
          given_name: given,
          native_name: native || null,
          sex,
          birth_date: addDays(`${Number(arrival.slice(0, 4)) - age - 1}-01-01`, int(0, 364)),
          nationality: sender.country,
          affiliation: sender.name_en,
          position_title: escort ? 'researcher' : pick(['undergraduate', 'master', 'doctoral', 'postdoc', 'researcher']),
          role: escort ? 'escort' : 'invitee',
          email: null,
          created_at: stamp(decidedOn),
          updated_at: stamp(decidedOn),
        });
      }
      const nSlots = int(13, 17);
      for (let s = 0; s < nSlots; s++) {
        const day = Math.min(stay - 1, Math.floor((s * stay) / nSlots));
        const morning = s % 2 === 0;
        const kind = s === 0 || s === nSlots - 1 ? 'travel' : pick(['lecture', 'lecture', 'lab-visit', 'research', 'site-visit', 'culture', 'exchange']);
        slots.push({
          id: id(yearMs + i),
          application_id: appId,
          date: addDays(arrival, day),
          start_time: morning ? '09:00' : '14:00',
          end_time: morning ? '12:00' : '17:00',
          activity: kind === 'travel' ? (s === 0 ? '来日・ホテルへ移動' : '帰国') : `${theme}${kind === 'lecture' ? ' 講義' : kind === 'lab-visit' ? ' 研究室訪問' : kind === 'research' ? ' 共同研究' : kind === 'site-visit' ? ' 施設見学' : kind === 'culture' ? ' 文化体験' : ' 交流会'}`,
          kind,
          at_host: kind === 'lecture' || kind === 'lab-visit' || kind === 'research' ? 1 : 0,
          place: null,
          person_in_charge: null,
          note: null,
          created_at: stamp(decidedOn),
          updated_at: stamp(decidedOn),
        });
      }
      if (!ended) continue;
      const requested = (invitees * peopleFactor + escorts) * (course === 'B' ? 450_000 : 250_000);
      const spent = Math.round(requested * (0.85 + rand() * 0.15));
      const reported = status === 'reported';
      results.push({
        id: id(yearMs + i),
        application_id: appId,
        actual_arrival: arrival,
        actual_departure: departure,
        actual_invitees: invitees * peopleFactor - (rand() < 0.1 ? 1 : 0),
        actual_escorts: escorts,
        report_received_on: reported ? addDays(departure, int(14, 60)) : null,
        opinion_reports_received_on: reported || rand() < 0.3 ? addDays(departure, int(14, 60)) : null,
        spent_yen: spent,
        refunded_yen: rand() < 0.3 ? requested - spent : 0,
        summary: reported ? '予定どおり実施した。' : '',
        updated_by: USER,
        created_at: stamp(addDays(departure, 1)),
        updated_at: stamp(addDays(departure, 1)),
      });
      for (const pid of pIds) {
        if (rand() >= 0.08) continue;
        const on = addDays(departure, int(120, 1500));
        if (on >= today) continue;
        followUps.push({
          id: id(yearMs + i),
          participant_id: pid,
          kind: pick(['returned-student', 'returned-researcher', 'joint-research', 'joint-paper', 'other']),
          occurred_on: on,
          note: '',
          recorded_by: USER,
          created_at: stamp(on),
          updated_at: stamp(on),
        });
      }
    }

    await db.transaction().execute(async (trx) => {
      await bulkInsert(trx, 'call_round', calls);
      await bulkInsert(trx, 'application', apps);
      await bulkInsert(trx, 'application_sending', sending);
      await bulkInsert(trx, 'application_country', countries);
      await bulkInsert(trx, 'application_status_change', history);
      await bulkInsert(trx, 'review_assignment', assignments);
      await bulkInsert(trx, 'review', reviews);
      await bulkInsert(trx, 'participant', participants);
      await bulkInsert(trx, 'itinerary_slot', slots);
      await bulkInsert(trx, 'program_result', results);
      await bulkInsert(trx, 'follow_up', followUps);
    });
    count('call_round', calls.length);
    count('application', apps.length);
    count('application_sending', sending.length);
    count('application_country', countries.length);
    count('application_status_change', history.length);
    count('review_assignment', assignments.length);
    count('review', reviews.length);
    count('participant', participants.length);
    count('itinerary_slot', slots.length);
    count('program_result', results.length);
    count('follow_up', followUps.length);
    o.onYear?.(fy, fy - fromYear + 1, o.years);
  }
  // The programs list's stored checks (0012), as every write path of the app leaves them: a
  // generated file then measures the list as staff's files have it, not the first-visit path.
  count('program_check', await backfillProgramChecks(db, { chunk: 500 }));
  return { fromYear, toYear, rows };
}
