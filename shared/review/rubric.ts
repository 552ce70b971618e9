// The review form's vocabulary: criteria, recommendations and confidence levels.
import { z } from 'zod';
import { TextLine } from '../text.ts';

export const Criterion = z.object({
  key: TextLine.min(1).max(40).regex(/^[a-z0-9-]+$/, 'a-z, 0-9, -'),
  label: TextLine.min(1).max(100),
  labelEn: TextLine.max(100),
});
export type Criterion = z.infer<typeof Criterion>;

export const DEFAULT_CRITERIA: Criterion[] = [
  { key: 'plan', label: '交流計画の妥当性', labelEn: 'Soundness of the exchange plan' },
  { key: 'significance', label: '科学技術交流としての意義', labelEn: 'Significance as a science and technology exchange' },
  { key: 'organisation', label: '実施体制', labelEn: 'Organisation' },
  { key: 'continuity', label: '継続的交流への発展性', labelEn: 'Prospects for continued exchange' },
  { key: 'budget', label: '経費の妥当性', labelEn: 'Appropriateness of the costs' },
];

export const RECOMMENDATIONS = ['strong-adopt', 'adopt', 'neutral', 'reject'] as const;
export const Recommendation = z.enum(RECOMMENDATIONS);
export type Recommendation = z.infer<typeof Recommendation>;
/** The words a reviewer picks in the Excel sheet's dropdown. */
export const RECOMMENDATION_LABELS: Record<Recommendation, { ja: string; en: string }> = {
  'strong-adopt': { ja: '強く推薦する', en: 'Strongly recommend' },
  adopt: { ja: '推薦する', en: 'Recommend' },
  neutral: { ja: 'どちらともいえない', en: 'Neutral' },
  reject: { ja: '推薦しない', en: 'Do not recommend' },
};

export const CONFIDENCES = [1, 2, 3] as const;
export const CONFIDENCE_LABELS: Record<number, { ja: string; en: string }> = {
  1: { ja: '低', en: 'Low' },
  2: { ja: '中', en: 'Medium' },
  3: { ja: '高', en: 'High' },
};

export const DECISIONS = ['adopted', 'rejected', 'waitlisted'] as const;
export const Decision = z.enum(DECISIONS);
export type Decision = z.infer<typeof Decision>;
/** The CLI's words for decisions. */
export const DECISION_WORDS: Record<string, Decision> = { adopt: 'adopted', reject: 'rejected', waitlist: 'waitlisted' };
