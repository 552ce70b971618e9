// Demo data for `--demo`: realistic enough to click through every area (Japanese hosts, overseas
// institutions in several countries, three fiscal years of applications; programs with rosters and
// itineraries, results and follow-ups; the FY2026 review in progress), deterministic so screenshots
// are repeatable. Everything goes through the API, as staff would enter it.
import type { ApplicationInput } from '../shared/api/applications.ts';
import { addDays } from '../shared/dates.ts';
import type { Status } from '../shared/domain.ts';
import { weekdayOf } from '../shared/rules/itinerary.ts';
import type { Ctx } from './context.ts';
import { makeItinerary } from './demo/itinerary.ts';
import { makeRoster, makeTooOld, type Rand } from './demo/people.ts';
import { fillFollowUps, makeResult } from './demo/results.ts';
import { fillReview, type ReviewApp } from './demo/review.ts';
import { call } from './dispatch.ts';
import { handlers } from './handlers/index.ts';

const HOSTS = [
  '東京大学', '京都大学', '東北大学', '大阪大学', '九州大学', '北海道大学', '名古屋大学', '筑波大学',
  '広島大学', '神戸大学', '岡山大学', '金沢大学', '長崎大学', '国立研究開発法人 理化学研究所',
  '国立研究開発法人 産業技術総合研究所', '沖縄科学技術大学院大学', '豊橋技術科学大学', '高知工業高等専門学校',
];
const SENDERS: [string, string][] = [
  ['Tsinghua University', 'CN'],
  ['Zhejiang University', 'CN'],
  ['Vietnam National University, Hanoi', 'VN'],
  ['Hanoi University of Science and Technology', 'VN'],
  ['Chulalongkorn University', 'TH'],
  ['Kasetsart University', 'TH'],
  ['Universitas Indonesia', 'ID'],
  ['Institut Teknologi Bandung', 'ID'],
  ['University of the Philippines Diliman', 'PH'],
  ['Universiti Malaya', 'MY'],
  ['Indian Institute of Technology Bombay', 'IN'],
  ['Seoul National University', 'KR'],
  ['National Taiwan University', 'TW'],
  ['University of Dhaka', 'BD'],
  ['Mongolian University of Science and Technology', 'MN'],
  ['University of Nairobi', 'KE'],
  ['Universidade de São Paulo', 'BR'],
  ['Cairo University', 'EG'],
  ['Royal University of Phnom Penh', 'KH'],
  ['National University of Laos', 'LA'],
];
const THEMES = [
  '防災・減災技術', '再生可能エネルギー', '水資源管理', 'AI とロボティクス', '材料科学', '感染症研究',
  '農業バイオテクノロジー', '海洋環境保全', '都市交通計画', 'スマートシティ', '半導体工学', '気候変動適応',
  '食品科学', '地域社会とデジタル化', '文化遺産の保存科学',
];
const APPLICANTS = ['山田 太郎', '佐藤 花子', '鈴木 一郎', '高橋 美咲', '田中 健', '伊藤 直子', '渡辺 聡', '中村 由紀'];
type OpenCourse = 'A' | 'B' | 'C';
/** The default rule set's invitee limits: one institution, several of one country, several countries. */
const LIMITS: Record<OpenCourse, readonly [number, number, number]> = { A: [10, 15, 15], B: [10, 10, 10], C: [10, 15, 25] };

/** Park–Miller: a tiny seeded generator, so the demo is the same every time. */
function rng(seed: number): Rand {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** When visits of a call start: [first day, window length in days]. FY2026's are still ahead. */
function visitWindow(fy: number, callNo: number): [string, number] {
  if (fy === 2026) return callNo === 1 ? ['2027-01-10', 21] : callNo === 2 ? ['2027-01-24', 21] : ['2027-02-01', 14];
  return callNo === 1 ? [`${fy}-07-01`, 80] : callNo === 2 ? [`${fy}-10-01`, 75] : [`${fy + 1}-01-10`, 30];
}

/** Groups arrive on a Sunday, so the weekdays are for the host. */
function nextSunday(iso: string): string {
  return addDays(iso, (7 - weekdayOf(iso)) % 7);
}

interface DemoApp {
  id: string;
  fy: number;
  call: number;
  data: ApplicationInput & { course: OpenCourse };
  theme: string;
  senders: [string, string][];
  clean: boolean;
  status: Status;
}

function makeApplication(fy: number, i: number, rand: Rand): Omit<DemoApp, 'id' | 'status'> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const course = pick(['A', 'A', 'A', 'B', 'C', 'C'] as const);
  const nSenders = course === 'C' && rand() < 0.4 ? 3 : rand() < 0.3 ? 2 : 1;
  const senders = [...new Map(Array.from({ length: nSenders }, () => pick(SENDERS)).map((s) => [s[0], s])).values()];
  const countries = [...new Set(senders.map(([, c]) => c))];
  const callNo = 1 + Math.floor(rand() * 3);
  const [from, span] = visitWindow(fy, callNo);
  const arrival = nextSunday(addDays(from, Math.floor(rand() * span)));
  // About one plan in eight breaks a rule (a stay too long, too many invitees), as drafts do.
  const clean = rand() >= 0.12;
  const tooLong = !clean && rand() < 0.5;
  const stay = (course === 'A' ? 6 + Math.floor(rand() * 2) : course === 'B' ? 14 + Math.floor(rand() * 8) : 8 + Math.floor(rand() * 3)) + (tooLong ? 3 : 0);
  const limit = LIMITS[course][senders.length === 1 ? 0 : countries.length === 1 ? 1 : 2];
  const invitees = !clean && !tooLong ? limit + 1 + Math.floor(rand() * 2) : 4 + Math.floor(rand() * (Math.min(limit, 18) - 3));
  const theme = pick(THEMES);
  const humanities = theme === '地域社会とデジタル化' || theme === '文化遺産の保存科学' || rand() < 0.05;
  return {
    fy,
    call: callNo,
    theme,
    senders,
    clean,
    data: {
      fiscalYear: fy,
      applicationNo: `${fy}-${String(callNo)}${String(i).padStart(3, '0')}`,
      call: callNo,
      course,
      title: `${theme}に関する${course === 'B' ? '共同研究' : course === 'C' ? '技術研修' : '科学技術体験'}プログラム`,
      hostInstitution: pick(HOSTS),
      applicant: pick(APPLICANTS),
      sendingInstitutions: senders.map(([name, country]) => ({ name, country })),
      countries,
      field: humanities ? 'humanities' : 'science',
      mode: course !== 'A' && rand() < 0.08 ? 'online' : 'in-person',
      invitees,
      escorts: rand() < 0.7 ? 1 : 2,
      arrival,
      departure: addDays(arrival, stay - 1),
      requestedAmount: Math.round((invitees * (course === 'B' ? 420_000 : 280_000) + rand() * 500_000) / 1000) * 1000,
    },
  };
}

/** Past years' outcome of a plan: rule breakers are never adopted; FY2025 has reports outstanding. */
function pastStatus(fy: number, clean: boolean, rand: Rand): Status {
  const r = rand();
  if (!clean) return r < 0.7 ? 'rejected' : 'withdrawn';
  if (r < 0.28) return 'rejected';
  if (r < 0.33) return 'withdrawn';
  if (r < 0.38) return 'waitlisted';
  if (fy === 2024) return 'reported';
  const s = rand();
  return s < 0.78 ? 'reported' : s < 0.94 ? 'implemented' : 'adopted';
}

async function fillApplications(ctx: Ctx, rand: Rand): Promise<DemoApp[]> {
  const apps: DemoApp[] = [];
  for (const fy of [2024, 2025, 2026]) {
    for (const n of [1, 2, 3]) {
      const opens = `${fy}-${String(2 + n * 2).padStart(2, '0')}-01`;
      await call(handlers, ctx, 'calls/save', { fiscalYear: fy, number: n, opensOn: opens, closesOn: addDays(opens, 40), budgetYen: 150_000_000 });
    }
    const count = fy === 2026 ? 48 : 36;
    for (let i = 1; i <= count; i++) {
      const a = makeApplication(fy, i, rand);
      const saved = await call(handlers, ctx, 'applications/save', { id: null, data: a.data });
      let status: Status;
      if (fy < 2026) {
        status = pastStatus(fy, a.clean, rand);
        const comment = status === 'withdrawn' ? '申請者より取下げの連絡' : '選考委員会';
        if (status !== 'withdrawn') await call(handlers, ctx, 'applications/setStatus', { id: saved.id, status: 'under-review', comment: null });
        const decided = status === 'implemented' || status === 'reported' ? 'adopted' : status;
        await call(handlers, ctx, 'applications/setStatus', { id: saved.id, status: decided, comment });
      } else {
        const r = rand();
        status = r < 0.06 ? 'draft' : r < 0.1 ? 'withdrawn' : 'received';
        if (status !== 'received') await call(handlers, ctx, 'applications/setStatus', { id: saved.id, status, comment: null });
      }
      apps.push({ ...a, id: saved.id, status });
    }
  }
  return apps;
}

interface ProgramOptions {
  tooOld?: boolean;
  fewLectures?: boolean;
  noItinerary?: boolean;
}

/** Roster, itinerary and (for past visits) the implementation record of one adopted plan. */
async function fillProgram(ctx: Ctx, rand: Rand, a: DemoApp, o: ProgramOptions = {}) {
  const d = a.data;
  let roster = makeRoster({ course: d.course, arrival: d.arrival, invitees: d.invitees, escorts: d.escorts, senders: a.senders }, rand);
  if (o.tooOld) roster = roster.map((p, i) => (i === roster.length - 1 ? makeTooOld(p, d.arrival, rand) : p));
  const saved = await call(handlers, ctx, 'programs/saveParticipants', { id: a.id, participants: roster });
  if (!o.noItinerary) {
    const slots = makeItinerary({ course: d.course, mode: d.mode, arrival: d.arrival, departure: d.departure, host: d.hostInstitution, theme: a.theme, fewLectures: o.fewLectures ?? false }, rand);
    await call(handlers, ctx, 'programs/saveItinerary', { id: a.id, slots });
  }
  if (a.status === 'implemented' || a.status === 'reported') {
    const data = makeResult(
      { arrival: d.arrival, departure: d.departure, invitees: d.invitees, escorts: d.escorts, requestedAmount: d.requestedAmount, theme: a.theme, host: d.hostInstitution, reported: a.status === 'reported' },
      rand,
    );
    await call(handlers, ctx, 'results/save', { programId: a.id, data });
  }
  return saved.participants.filter((p) => p.role === 'invitee');
}

export async function fillDemoData(ctx: Ctx): Promise<void> {
  const rand = rng(20140401);
  const apps = await fillApplications(ctx, rand);

  // Past programs: rosters, itineraries and results. One FY2025 course A draft has too few lecture
  // days, so the checks have something to show.
  const followUps: { id: string; departure: string }[] = [];
  let fewLectures = false;
  for (const a of apps.filter((x) => x.fy < 2026 && ['adopted', 'implemented', 'reported'].includes(x.status))) {
    const few: boolean = !fewLectures && a.fy === 2025 && a.data.course === 'A';
    fewLectures ||= few;
    const invitees = await fillProgram(ctx, rand, a, { fewLectures: few });
    if (a.fy === 2024 && followUps.length < 10 && rand() < 0.6) followUps.push({ id: invitees[Math.floor(rand() * invitees.length)]!.id, departure: a.data.departure });
  }
  await fillFollowUps(ctx, rand, followUps);

  // FY2026: the review of calls 1 and 2, and the programs the first committee adopted.
  const reviewApps: ReviewApp[] = apps
    .filter((a) => a.fy === 2026 && a.status === 'received')
    .map((a) => ({ id: a.id, call: a.call, clean: a.clean, quality: 1.8 + rand() * 3 }));
  const adopted = await fillReview(ctx, rand, reviewApps);
  for (const [i, id] of adopted.entries()) {
    const a = apps.find((x) => x.id === id)!;
    // The newest roster still has someone over the age limit; the last itinerary is not in yet.
    await fillProgram(ctx, rand, { ...a, status: 'adopted' }, { tooOld: i === 0, noItinerary: i === adopted.length - 1 && adopted.length > 1 });
  }
}
