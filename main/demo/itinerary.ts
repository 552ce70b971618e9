// Demo itineraries: arrival by air, lectures at the host on weekdays, lab and site visits, research
// days for course B, culture and free time at weekends and on holidays, a closing session and the
// departure. Planned so course A has lectures on more than half of its activity days.
import { addDays, daysInclusive } from '../../shared/dates.ts';
import type { SlotInput, SlotKind } from '../../shared/programs.ts';
import { holidayOn, lectureDaysRequired, weekdayOf } from '../../shared/rules/itinerary.ts';
import type { Rand } from './people.ts';

/** Airport and the city culture visits go to, per host institution. */
const HOST_PLACES: Record<string, readonly [string, string]> = {
  東京大学: ['羽田空港', '東京・浅草'],
  京都大学: ['関西国際空港', '京都・東山'],
  東北大学: ['仙台空港', '松島'],
  大阪大学: ['関西国際空港', '大阪城周辺'],
  九州大学: ['福岡空港', '太宰府'],
  北海道大学: ['新千歳空港', '小樽'],
  名古屋大学: ['中部国際空港', '犬山城下町'],
  筑波大学: ['成田国際空港', '筑波山'],
  広島大学: ['広島空港', '宮島'],
  神戸大学: ['関西国際空港', '神戸・北野'],
  岡山大学: ['岡山桃太郎空港', '倉敷美観地区'],
  金沢大学: ['小松空港', '金沢・兼六園'],
  長崎大学: ['長崎空港', '長崎・出島'],
  '国立研究開発法人 理化学研究所': ['羽田空港', '川越'],
  '国立研究開発法人 産業技術総合研究所': ['成田国際空港', '筑波山'],
  沖縄科学技術大学院大学: ['那覇空港', '首里城公園'],
  豊橋技術科学大学: ['中部国際空港', '豊川稲荷'],
  高知工業高等専門学校: ['高知龍馬空港', '高知城'],
};
const STAFF = ['山本 教授', '小林 准教授', '加藤 教授', '吉田 講師', '山口 准教授', '松本 教授', '井上 助教', '木村 准教授', '林 教授', '清水 講師'];
const LECTURES = ['の基礎', 'の最新研究', 'と社会実装', 'の国際動向', 'の計測とデータ解析'];
const GENERAL_LECTURES = ['日本の科学技術政策と産学連携', '研究倫理とデータ管理', '日本の大学院と留学制度'];
const SITES = [
  ['地元企業の研究開発センター見学', '企業研究所'],
  ['市立科学館 見学', '市立科学館'],
  ['浄水場・下水処理施設見学', '市水道局'],
  ['精密機器メーカー工場見学', '協力企業工場'],
  ['地域防災センター見学', '防災センター'],
  ['農業試験場見学', '県農業試験場'],
  ['発電所見学', '協力企業発電所'],
] as const;
const CULTURE = ['日本文化体験（茶道）', '日本文化体験（書道）', '歴史地区の見学', '和食体験', '伝統工芸の工房見学'];

export interface ItinerarySpec {
  course: 'A' | 'B' | 'C';
  mode: 'in-person' | 'online';
  arrival: string;
  departure: string;
  host: string;
  theme: string;
  /** A deliberate problem: course A with too few lecture days. */
  fewLectures?: boolean;
}

export function makeItinerary(spec: ItinerarySpec, rand: Rand): SlotInput[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const [airport, city] = HOST_PLACES[spec.host] ?? ['羽田空港', '東京'];
  const online = spec.mode === 'online';
  const lead = pick(STAFF);
  // Each excursion once per program, starting somewhere different each time.
  let site = Math.floor(rand() * SITES.length);
  const nextSite = () => SITES[site++ % SITES.length]!;
  const slots: SlotInput[] = [];
  const add = (date: string, start: string, end: string, activity: string, kind: SlotKind, atHost: boolean, place: string | null, person: string | null = null, note: string | null = null) =>
    slots.push({ id: null, date, start, end, activity, kind, atHost, place: online ? 'オンライン（Zoom）' : place, personInCharge: person, note });

  const n = daysInclusive(spec.arrival, spec.departure);
  const dates = Array.from({ length: n }, (_, i) => addDays(spec.arrival, i));
  const middle = online ? dates : dates.slice(1, -1);
  const workdays = middle.filter((d) => weekdayOf(d) !== 0 && weekdayOf(d) !== 6 && !holidayOn(d));
  // Course A needs a lecture at the host on more than half of the activity days; one workday may
  // be a full-day site visit when there are workdays to spare.
  const required = spec.course === 'A' ? lectureDaysRequired(dates.length - 2, 0.5) : 0;
  const siteDay = workdays.length - 1 > required && workdays.length >= 3 ? workdays[workdays.length - 2] : undefined;
  const lectureDays = new Set(workdays.filter((d) => d !== siteDay));
  if (spec.fewLectures) {
    // A draft the host sent with too many excursions: only two lecture days.
    for (const d of workdays.slice(2)) lectureDays.delete(d);
  } else if (spec.course === 'A' && lectureDays.size < required) {
    // Not enough workdays (a holiday week): lecture on the holiday too, and let the check warn.
    for (const d of middle) if (lectureDays.size < required) lectureDays.add(d);
  }
  const closing = online ? dates.at(-1)! : workdays.at(-1);

  if (!online) add(spec.arrival, '14:00', '18:00', `来日（${airport}着）、宿舎へ移動`, 'travel', false, airport, lead, 'JST手配のバスで移動');
  let lectureNo = 0;
  middle.forEach((d, i) => {
    const off = weekdayOf(d) === 0 || weekdayOf(d) === 6 || holidayOn(d) !== null;
    if (i === 0 && !off) {
      add(d, '09:30', '10:00', 'オリエンテーション', 'exchange', true, '国際交流会館', lead);
    }
    if (lectureDays.has(d)) {
      const title = lectureNo % 3 === 2 ? pick(GENERAL_LECTURES) : `${spec.theme}${LECTURES[lectureNo % LECTURES.length]}`;
      add(d, '10:00', '12:00', `講義「${title}」`, 'lecture', true, pick(['本部棟 大講義室', '工学部 講義室', '国際交流会館 セミナー室']), pick(STAFF));
      lectureNo++;
      if (d === closing) {
        add(d, '14:00', '17:00', '成果発表会・修了式', 'exchange', true, '国際交流会館', lead);
      } else if (spec.course === 'B' && lectureNo > 1) {
        add(d, '13:00', '17:30', `共同研究（${spec.theme}に関する実験・データ解析）`, 'research', true, `${lead.split(' ')[0]}研究室`, lead);
      } else if (i % 3 === 1 && !online) {
        const [activity, place] = nextSite();
        add(d, '13:30', '16:30', activity, 'site-visit', false, place, lead);
      } else {
        add(d, '13:30', '16:30', `${spec.theme}関連の研究室訪問・実験見学`, 'lab-visit', true, '研究棟', pick(STAFF));
      }
      if (i === 1) add(d, '18:00', '20:00', '歓迎会（学生との交流）', 'exchange', true, '大学会館', lead);
    } else if (!off && spec.course === 'B') {
      add(d, '09:30', '17:30', `共同研究（${spec.theme}に関する実験）`, 'research', true, `${lead.split(' ')[0]}研究室`, lead);
    } else if (!off && !online) {
      const [activity, place] = nextSite();
      add(d, '09:00', '16:00', activity, 'site-visit', false, place, lead, '昼食は見学先で');
    } else if (!off) {
      add(d, '13:30', '15:00', '研究室紹介（オンライン）', 'lab-visit', true, null, pick(STAFF));
    } else if (!online && rand() < 0.25) {
      // A host-led outing on a day off: the check asks staff to confirm the host can run it.
      add(d, '10:00', '16:00', pick(CULTURE), 'culture', false, city, lead);
    } else if (!online) {
      add(d, '10:00', '17:00', `自由行動（${city}散策など）`, 'free', false, city, null, '緊急連絡先は引率者へ');
    }
  });
  if (!online) add(spec.departure, '08:00', '12:00', `離日（${airport}より帰国）`, 'travel', false, airport, lead);
  return slots;
}
