// Aggregation against numbers worked out by hand (see the comments), and the budget simulator.
import { describe, expect, it } from 'vitest';
import { aggregate, median, rankOrder, simulateBudget } from '../../shared/review/aggregate.ts';

// R1 scored X=4, Y=2, Z=3 (mean 3, population sd √(2/3) ≈ 0.8165); R2 scored X=5, Y=5 (sd 0).
const reviews = [
  { applicationId: 'X', reviewerId: 'R1', score: 4 },
  { applicationId: 'Y', reviewerId: 'R1', score: 2 },
  { applicationId: 'Z', reviewerId: 'R1', score: 3 },
  { applicationId: 'X', reviewerId: 'R2', score: 5 },
  { applicationId: 'Y', reviewerId: 'R2', score: 5 },
];

describe('aggregation', () => {
  const { apps, reviewers } = aggregate(['X', 'Y', 'Z', 'W'], reviews, 1.5);
  const by = (id: string) => apps.find((a) => a.applicationId === id)!;

  it('per application: n, mean, median, spread', () => {
    expect(by('X')).toMatchObject({ n: 2, mean: 4.5, median: 4.5, spread: 1 });
    expect(by('Y')).toMatchObject({ n: 2, mean: 3.5, median: 3.5, spread: 3 });
    expect(by('Z')).toMatchObject({ n: 1, mean: 3, median: 3, spread: 0 });
    expect(by('W')).toMatchObject({ n: 0, mean: null, median: null, spread: null, disagreement: false });
    expect(median([1, 5, 2])).toBe(2);
    expect(median([1, 5, 2, 4])).toBe(3);
  });

  it('flags a spread above the threshold for discussion', () => {
    expect(by('Y').disagreement).toBe(true);
    expect(by('X').disagreement).toBe(false);
    expect(aggregate(['X'], reviews, 0.5).apps[0]!.disagreement).toBe(true);
  });

  it('per reviewer leniency is their mean minus the mean of all reviews (3.8)', () => {
    const r1 = reviewers.find((r) => r.reviewerId === 'R1')!;
    const r2 = reviewers.find((r) => r.reviewerId === 'R2')!;
    expect(r1.mean).toBe(3);
    expect(r1.leniency).toBeCloseTo(-0.8, 10);
    expect(r2.leniency).toBeCloseTo(1.2, 10);
    expect(reviewers[0]!.reviewerId).toBe('R2'); // most lenient first
  });

  it('z-scores normalise per reviewer; a reviewer without variation contributes 0', () => {
    const z = 1 / Math.sqrt(2 / 3); // (4 − 3) / 0.8165 = 1.2247
    expect(by('X').zMean).toBeCloseTo(z / 2, 10);
    expect(by('Y').zMean).toBeCloseTo(-z / 2, 10);
    expect(by('Z').zMean).toBe(0);
  });

  it('Borda points per reviewer, normalised, averaged per application', () => {
    // R1: X beats two (2/2 = 1), Z beats one (0.5), Y none (0). R2: X and Y tie (0.5 each).
    expect(by('X').borda).toBeCloseTo(0.75, 10);
    expect(by('Y').borda).toBeCloseTo(0.25, 10);
    expect(by('Z').borda).toBeCloseTo(0.5, 10);
  });

  it('ranks by the chosen method, unreviewed last', () => {
    expect(rankOrder(apps, 'mean').map((a) => a.applicationId)).toEqual(['X', 'Y', 'Z', 'W']);
    expect(rankOrder(apps, 'zscore').map((a) => a.applicationId)).toEqual(['X', 'Z', 'Y', 'W']);
    expect(rankOrder(apps, 'borda').map((a) => a.applicationId)).toEqual(['X', 'Z', 'Y', 'W']);
  });
});

describe('budget simulator', () => {
  const ranked = [
    { applicationId: 'a', course: 'A', amount: 100, eligible: true, reviews: 3 },
    { applicationId: 'b', course: 'A', amount: 50, eligible: true, reviews: 3 },
    { applicationId: 'c', course: 'B', amount: 80, eligible: true, reviews: 3 },
    { applicationId: 'd', course: 'A', amount: 20, eligible: true, reviews: 3 },
  ];
  it('adopts in rank order within the budget, passing over what does not fit', () => {
    const r = simulateBudget(ranked, 120);
    expect(r.adopted).toEqual(['a', 'd']);
    expect(r.spent).toBe(120);
    expect(r.passed).toEqual([
      { applicationId: 'b', reason: 'BUDGET' },
      { applicationId: 'c', reason: 'BUDGET' },
    ]);
  });
  it('respects quotas per course', () => {
    const r = simulateBudget(ranked, 1000, { A: 2 });
    expect(r.adopted).toEqual(['a', 'b', 'c']);
    expect(r.passed).toEqual([{ applicationId: 'd', reason: 'QUOTA' }]);
  });
  it('never adopts an ineligible plan and passes plans with too few reviews, whatever their rank', () => {
    const withBad = [
      { applicationId: 'x', course: 'A', amount: 10, eligible: false, reviews: 5 },
      { applicationId: 'y', course: 'A', amount: 10, eligible: true, reviews: 1 },
      ...ranked,
    ];
    const r = simulateBudget(withBad, 1000, {}, 3);
    expect(r.adopted).toEqual(['a', 'b', 'c', 'd']);
    expect(r.passed).toEqual([
      { applicationId: 'x', reason: 'INELIGIBLE' },
      { applicationId: 'y', reason: 'FEW_REVIEWS' },
    ]);
    // Staff may lower the minimum: then the plan with one review competes; the ineligible one never does.
    const lowered = simulateBudget(withBad, 1000, {}, 1);
    expect(lowered.adopted).toContain('y');
    expect(lowered.adopted).not.toContain('x');
  });
});
