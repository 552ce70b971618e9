// Demo data for `--demo`: realistic enough to click through (Japanese hosts, overseas institutions
// in several countries, a few fiscal years), deterministic so screenshots are repeatable.
import type { ApplicationInput } from '../shared/api/applications.ts';
import type { Course, Status } from '../shared/domain.ts';
import type { Ctx } from './context.ts';
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
const STAY: Record<'A' | 'B' | 'C', number> = { A: 7, B: 21, C: 10 };

/** Park–Miller: a tiny seeded generator, so the demo is the same every time. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export async function fillDemoData(ctx: Ctx): Promise<void> {
  const rand = rng(20140401);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  for (const fy of [2024, 2025, 2026]) {
    for (const n of [1, 2, 3]) {
      const opens = `${fy}-${String(2 + n * 2).padStart(2, '0')}-01`;
      await call(handlers, ctx, 'calls/save', { fiscalYear: fy, number: n, opensOn: opens, closesOn: addDays(opens, 40), budgetYen: 150_000_000 });
    }
    const count = fy === 2026 ? 48 : 36;
    for (let i = 1; i <= count; i++) {
      const course: Course = pick(['A', 'A', 'A', 'B', 'C', 'C'] as const);
      const nSenders = course === 'C' && rand() < 0.4 ? 3 : rand() < 0.3 ? 2 : 1;
      const senders = Array.from({ length: nSenders }, () => pick(SENDERS));
      const unique = [...new Map(senders.map((s) => [s[0], s])).values()];
      const callNo = 1 + Math.floor(rand() * 3);
      const month = 5 + Math.floor(rand() * 8); // May–December
      const arrival = `${fy}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 20)).padStart(2, '0')}`;
      // About one plan in eight overshoots its course's stay limit, as real drafts sometimes do.
      const stay = STAY[course as 'A' | 'B' | 'C'] - Math.floor(rand() * 3) + (rand() < 0.12 ? 3 : 0);
      const invitees = 4 + Math.floor(rand() * (unique.length > 1 ? 12 : 8));
      const data: ApplicationInput = {
        fiscalYear: fy,
        applicationNo: `${fy}-${String(callNo)}${String(i).padStart(3, '0')}`,
        call: callNo,
        course,
        title: `${pick(THEMES)}に関する${course === 'B' ? '共同研究' : course === 'C' ? '技術研修' : '科学技術体験'}プログラム`,
        hostInstitution: pick(HOSTS),
        applicant: pick(APPLICANTS),
        sendingInstitutions: unique.map(([name, country]) => ({ name, country })),
        countries: [...new Set(unique.map(([, c]) => c))],
        field: fy >= 2021 && rand() < 0.15 ? 'humanities' : 'science',
        mode: rand() < 0.08 ? 'online' : 'in-person',
        invitees,
        escorts: rand() < 0.7 ? 1 : 2,
        arrival,
        departure: addDays(arrival, stay - 1),
        requestedAmount: Math.round((invitees * (course === 'B' ? 420_000 : 280_000) + rand() * 500_000) / 1000) * 1000,
      };
      const saved = await call(handlers, ctx, 'applications/save', { id: null, data });
      const status: Status =
        fy < 2026
          ? pick(['adopted', 'adopted', 'reported', 'implemented', 'rejected', 'rejected', 'withdrawn'] as const)
          : pick(['received', 'received', 'under-review', 'under-review', 'draft'] as const);
      if (status !== 'received') await call(handlers, ctx, 'applications/setStatus', { id: saved.id, status, comment: null });
    }
  }
}
