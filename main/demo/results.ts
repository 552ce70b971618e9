// Demo results (実施報告): actual dates and numbers close to the plan, money spent and returned,
// report dates, a short summary; and what became of some FY2024 invitees later.
import type { ResultInput } from '../../shared/api/results.ts';
import { addDays } from '../../shared/dates.ts';
import type { Ctx } from '../context.ts';
import { call } from '../dispatch.ts';
import { handlers } from '../handlers/index.ts';
import type { Rand } from './people.ts';

export interface ResultSpec {
  arrival: string;
  departure: string;
  invitees: number;
  escorts: number;
  requestedAmount: number;
  theme: string;
  host: string;
  reported: boolean;
}

const OUTCOMES = ['参加者全員が修了証を受領した。', '帰国後も研究室間でオンラインセミナーを継続している。', '参加者2名が受入れ研究室への大学院進学を希望している。', '共同研究の覚書締結に向けた協議を開始した。'];

export function makeResult(spec: ResultSpec, rand: Rand): ResultInput {
  // One in five groups lost a member to a visa delay or illness; nearly everyone else came.
  const absent = rand() < 0.2 ? 1 : 0;
  const invitees = spec.invitees - absent;
  const spent = Math.round((spec.requestedAmount * (0.86 + rand() * 0.12) * (invitees / spec.invitees)) / 1000) * 1000;
  const refunded = Math.max(0, Math.round((spec.requestedAmount - spent) * (0.4 + rand() * 0.5) / 1000) * 1000);
  const report = addDays(spec.departure, 20 + Math.floor(rand() * 40));
  return {
    actualArrival: spec.arrival,
    actualDeparture: spec.departure,
    actualInvitees: invitees,
    actualEscorts: spec.escorts,
    reportReceivedOn: spec.reported ? report : null,
    opinionReportsReceivedOn: spec.reported ? addDays(report, Math.floor(rand() * 15)) : null,
    spentYen: spent,
    refundedYen: spec.reported ? refunded : null,
    summary: `${spec.host}にて「${spec.theme}」をテーマに講義・研究室訪問・施設見学を実施した。招へい者${invitees}名${absent ? '（1名は査証の発給遅延により不参加）' : ''}、引率者${spec.escorts}名。${OUTCOMES[Math.floor(rand() * OUTCOMES.length)]!}`,
  };
}

const FOLLOW_UPS = [
  ['returned-student', 'years', 1, '受入れ大学の大学院博士前期課程に国費留学生として入学。'],
  ['returned-student', 'years', 1, '受入れ研究室の博士後期課程に私費留学生として入学。'],
  ['returned-researcher', 'years', 1, '日本学術振興会の外国人特別研究員として受入れ研究室に着任。'],
  ['joint-research', 'months', 6, '受入れ研究室との共同研究を開始（二国間交流事業に採択）。'],
  ['joint-paper', 'months', 10, '受入れ教員との共著論文が国際学術誌に掲載。'],
  ['other', 'months', 4, '母国で本プログラムの成果報告会を開催。'],
] as const;

/** Outcomes for a few invitees of FY2024 programs, dated after their visit. */
export async function fillFollowUps(ctx: Ctx, rand: Rand, people: readonly { id: string; departure: string }[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < people.length; i++) {
    const p = people[i]!;
    const [kind, unit, amount, note] = FOLLOW_UPS[i % FOLLOW_UPS.length]!;
    const days = (unit === 'years' ? 365 * amount : 30 * amount) + Math.floor(rand() * 60);
    await call(handlers, ctx, 'followups/save', { id: null, participantId: p.id, kind, occurredOn: addDays(p.departure, days), note });
    n++;
  }
  return n;
}
