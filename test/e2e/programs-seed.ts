// Realistic programs for the browser tests, the benchmark and screenshots: an adopted application
// with a roster of invitees from several countries (names in Roman letters and native script) and
// an itinerary over the stay, written through the same API calls the app uses.
import type { Runtime } from '../../main/runtime.ts';
import { addDays, daysInclusive } from '../../shared/dates.ts';

const PEOPLE: [string, string, string, string, string][] = [
  ['Nguyen', 'Van An', 'Nguyễn Văn An', 'VN', 'ハノイ工科大学'],
  ['Tran', 'Thi Binh', 'Trần Thị Bình', 'VN', 'ハノイ工科大学'],
  ['Somchai', 'Prasert', 'Somchai Prasert', 'TH', 'チュラロンコン大学'],
  ['Siti', 'Rahma', 'Siti Rahmawati', 'ID', 'インドネシア大学'],
  ['Wang', 'Fang', '王芳', 'CN', '清華大学'],
  ['Kim', 'Minji', '김민지', 'KR', 'ソウル大学校'],
  ['Li', 'Wei', '李偉', 'CN', '清華大学'],
  ['Pham', 'Minh Chau', 'Phạm Minh Châu', 'VN', 'ベトナム国家大学ハノイ校'],
];
const POSITIONS = ['master', 'doctoral', 'undergraduate', 'postdoc', 'researcher'] as const;
const ACTIVITIES: [string, string, string][] = [
  ['lecture', '防災工学概論（講義）', '工学部 1号館 201'],
  ['lab-visit', '耐震構造研究室 見学', '耐震実験棟'],
  ['research', '共同実験: 地盤の液状化', '土質実験室'],
  ['site-visit', '防災センター 見学', '市防災センター'],
  ['exchange', '学生との交流会', '学生会館'],
  ['culture', '茶道体験', '国際交流会館'],
];

async function invoke<T = any>(rt: Runtime, name: string, input: unknown): Promise<T> {
  const r = await rt.invoke(name, input, 'ja');
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

export interface SeedOptions {
  applicationNo: string;
  course?: 'A' | 'B' | 'C';
  arrival?: string;
  departure?: string;
  participants?: number;
  /** Slots spread over the stay (default: about four a day). */
  slots?: number;
  title?: string;
}

export async function seedProgram(rt: Runtime, o: SeedOptions): Promise<string> {
  const arrival = o.arrival ?? '2026-10-05';
  const departure = o.departure ?? '2026-10-14';
  const n = o.participants ?? 12;
  const app = await invoke<{ id: string }>(rt, 'applications/save', {
    id: null,
    data: {
      fiscalYear: 2026,
      applicationNo: o.applicationNo,
      call: 1,
      course: o.course ?? 'C',
      title: o.title ?? 'アジアの若手研究者と学ぶ防災・減災技術研修プログラム',
      hostInstitution: '東北大学',
      applicant: '山田 太郎',
      sendingInstitutions: [{ name: 'ハノイ工科大学', country: 'VN' }],
      countries: ['VN'],
      field: 'science',
      mode: 'in-person',
      invitees: Math.min(n, 25),
      escorts: 1,
      arrival,
      departure,
      requestedAmount: 3_000_000,
    },
  });
  // Print tests need large rosters that break the invitee limits: adopted with a recorded reason.
  await invoke(rt, 'applications/setStatus', { id: app.id, status: 'adopted', override: 'e2e: 印刷レイアウトの確認用' });
  const participants = Array.from({ length: n }, (_, i) => {
    const [family, given, native, country, inst] = PEOPLE[i % PEOPLE.length]!;
    const escort = i === n - 1 && n > 2;
    return {
      id: null,
      familyName: i < PEOPLE.length ? family : `${family}${i + 1}`,
      givenName: given,
      nativeName: native,
      sex: i % 2 ? 'female' : 'male',
      birthDate: escort ? '1975-03-14' : `${1994 + (i % 10)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      nationality: country,
      affiliation: inst,
      position: escort ? 'teacher' : POSITIONS[i % POSITIONS.length],
      role: escort ? 'escort' : 'invitee',
      email: `participant${i + 1}@example.org`,
    };
  });
  await invoke(rt, 'programs/saveParticipants', { id: app.id, participants });

  const days = daysInclusive(arrival, departure);
  const total = o.slots ?? days * 4;
  const perDay = Math.ceil(total / days);
  const slots = Array.from({ length: total }, (_, i) => {
    const day = Math.floor(i / perDay);
    const k = i % perDay;
    const date = addDays(arrival, day);
    const first = day === 0 || day === days - 1;
    const [kind, activity, place] = first && k === 0 ? ['travel', day === 0 ? '来日・ホテルへ移動' : '離日・空港へ移動', '成田空港'] : ACTIVITIES[(i + day) % ACTIVITIES.length]!;
    const start = 9 * 60 + k * Math.floor((10 * 60) / perDay);
    const len = Math.min(90, Math.floor((10 * 60) / perDay) - 10);
    const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { id: null, date, start: hm(start), end: hm(start + len), activity, kind, atHost: kind !== 'site-visit', place, personInCharge: '佐藤 花子', note: k === 0 && !first ? '集合 8:45 ロビー' : null };
  });
  await invoke(rt, 'programs/saveItinerary', { id: app.id, slots });
  return app.id;
}
