// The FY2026 review in progress: committee members from Japanese universities (some from host
// institutions, so the automatic conflicts show), one declared conflict, three reviewers per
// application for calls 1 and 2, most of call 1 reviewed, a few decisions taken.
import { DEFAULT_CRITERIA, type Recommendation } from '../../shared/review/rubric.ts';
import type { Ctx } from '../context.ts';
import { call } from '../dispatch.ts';
import { handlers } from '../handlers/index.ts';
import type { Rand } from './people.ts';

const REVIEWERS: readonly (readonly [string, string, readonly string[], readonly string[]])[] = [
  ['青木 正樹', '東北大学', ['防災', '地震工学'], ['PH', 'ID']],
  ['石川 由美子', '京都大学', ['材料科学', '化学'], ['CN']],
  ['上野 健二', '早稲田大学', ['ロボティクス', 'AI'], ['KR', 'TW']],
  ['遠藤 真理', '慶應義塾大学', ['感染症', '公衆衛生'], ['VN', 'KH']],
  ['大塚 浩', '東京工業大学', ['半導体', '電子工学'], ['TW', 'MY']],
  ['岡田 恵', '大阪大学', ['エネルギー', '再生可能エネルギー'], ['IN']],
  ['小野寺 隆', '千葉大学', ['農業', 'バイオテクノロジー'], ['TH', 'LA']],
  ['片山 さやか', 'お茶の水女子大学', ['食品科学', '栄養学'], ['BD']],
  ['川口 洋平', '東京農工大学', ['水資源', '環境工学'], ['MN', 'KE']],
  ['菊地 明美', '横浜国立大学', ['都市交通', 'スマートシティ'], ['BR']],
  ['久保 俊介', '東京海洋大学', ['海洋', '水産学'], ['ID', 'PH']],
  ['近藤 千尋', '立命館大学', ['文化遺産', '考古学'], ['EG', 'KH']],
  ['斎藤 敏行', '一橋大学', ['地域社会', 'デジタル化'], ['VN']],
  ['坂本 和子', '名古屋工業大学', ['気候変動', '気象学'], ['BD', 'MN']],
  ['杉山 徹', '電気通信大学', ['AI', '情報科学'], ['IN', 'EG']],
];
const COMMENTS = {
  good: ['受入れ体制が明確で、継続的な交流が期待できる。', '研究室間の既存の協力関係を活かした具体的な計画である。', '講義と実習の配分が適切で、若手研究者の育成効果が高い。'],
  fair: ['計画は概ね妥当だが、交流後の継続方策がやや具体性に欠ける。', '招へい者の選考方法をもう少し明確にしてほしい。', '見学先の選定理由の説明が不足している。'],
  poor: ['プログラムの目的と日程の対応が不明確である。', '経費の積算根拠が不十分で、単価が高い。', '受入れ研究室の実施体制に懸念がある。'],
};

export interface ReviewApp {
  id: string;
  call: number;
  /** Hidden merit of the plan, 1–5: reviewers agree around it. */
  quality: number;
  clean: boolean;
}

export async function fillReview(ctx: Ctx, rand: Rand, apps: readonly ReviewApp[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [name, institution, fields, countries] of REVIEWERS) {
    const r = await call(handlers, ctx, 'review/saveReviewer', {
      id: null,
      data: { name, kind: 'committee', institution, email: null, fields: [...fields], countries: [...countries], maxLoad: 12, activeCalls: [], active: true },
    });
    ids.push(r.id);
  }
  const leniency = new Map(ids.map((id) => [id, (rand() - 0.5) * 1.2]));

  // A reviewer who co-authored with an applicant says so before the assignment.
  const declaredOn = apps.find((a) => a.call === 1);
  if (declaredOn) {
    await call(handlers, ctx, 'review/declareConflict', { reviewerId: ids[4]!, applicationId: declaredOn.id, reason: '申請者と共同研究を実施中（2025年度から科研費で共同研究）' });
  }
  await call(handlers, ctx, 'review/autoAssign', { fiscalYear: 2026, call: 1, perApplication: 3, maxLoad: null, dueOn: '2026-11-13' });
  await call(handlers, ctx, 'review/autoAssign', { fiscalYear: 2026, call: 2, perApplication: 3, maxLoad: null, dueOn: '2026-12-11' });

  const byId = new Map(apps.map((a) => [a.id, a]));
  // Call 1: all but a few reviews are in (two reviewers are behind); call 2: a handful so far.
  const late = new Set([ids[9]!, ids[13]!]);
  for (const c of [1, 2]) {
    const list = (await call(handlers, ctx, 'review/listAssignments', { fiscalYear: 2026, call: c })).items;
    for (const a of list) {
      const submit = c === 1 ? !late.has(a.reviewerId) || rand() < 0.3 : rand() < 0.15;
      if (!submit) continue;
      const app = byId.get(a.applicationId);
      const base = (app?.quality ?? 3) + leniency.get(a.reviewerId)!;
      const scores = DEFAULT_CRITERIA.map((k) => ({ criterion: k.key, score: Math.max(1, Math.min(5, Math.round(base + (rand() - 0.5) * 1.4))), comment: '' }));
      const mean = scores.reduce((s, x) => s + x.score, 0) / scores.length;
      const recommendation: Recommendation = mean >= 4.2 ? 'strong-adopt' : mean >= 3.4 ? 'adopt' : mean >= 2.6 ? 'neutral' : 'reject';
      const tone = mean >= 3.8 ? 'good' : mean >= 2.8 ? 'fair' : 'poor';
      await call(handlers, ctx, 'review/saveReview', {
        assignmentId: a.id,
        scores,
        recommendation,
        confidence: 1 + Math.floor(rand() * 3),
        comment: COMMENTS[tone][Math.floor(rand() * 3)]!,
      });
    }
  }

  // The first selection committee: the best clean plans adopted, one waitlisted, the weakest rejected.
  const ready = (await call(handlers, ctx, 'review/queue', { queue: 'ready', fiscalYear: 2026, perApplication: 3 })).items.filter((q) => q.call === 1);
  const clean = ready.filter((q) => byId.get(q.applicationId)?.clean);
  const adopted = clean.slice(0, 4).map((q) => q.applicationId);
  const waitlisted = clean.slice(4, 5).map((q) => q.applicationId);
  const rejected = ready.slice(-2).map((q) => q.applicationId).filter((id) => !adopted.includes(id) && !waitlisted.includes(id));
  const comment = '第1回選考委員会（2026年11月）';
  if (adopted.length) await call(handlers, ctx, 'review/decide', { applicationIds: adopted, decision: 'adopted', comment });
  if (waitlisted.length) await call(handlers, ctx, 'review/decide', { applicationIds: waitlisted, decision: 'waitlisted', comment });
  if (rejected.length) await call(handlers, ctx, 'review/decide', { applicationIds: rejected, decision: 'rejected', comment });
  return adopted;
}
