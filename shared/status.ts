// The one owner of an application's status life cycle. Every status change anywhere (the form,
// queue keys, decisions, the budget simulator's commit, results, the CLI, assignment) asks this
// table first, so "which status may follow which" is written down exactly once and tested over
// every (from, to) pair.
import { STATUSES, type Status } from './domain.ts';
import { AppError, type Lang } from './errors.ts';

export const STATUS_LABELS: Record<Status, Record<Lang, string>> = {
  draft: { ja: '下書き', en: 'Draft' },
  received: { ja: '受付', en: 'Received' },
  'under-review': { ja: '審査中', en: 'Under review' },
  adopted: { ja: '採択', en: 'Adopted' },
  rejected: { ja: '不採択', en: 'Rejected' },
  waitlisted: { ja: '補欠', en: 'Waitlisted' },
  withdrawn: { ja: '辞退', en: 'Withdrawn' },
  implemented: { ja: '実施済', en: 'Implemented' },
  reported: { ja: '報告済', en: 'Reported' },
};

export function statusLabel(s: Status, lang: Lang): string {
  return STATUS_LABELS[s][lang];
}

/**
 * Allowed next statuses. Reasons for the less obvious edges:
 * - 審査中 → 受付: undoing the last assignment puts a plan back in the queue;
 * - 採択/不採択/補欠 → each other: the committee may change a decision (補欠 → 採択 when money frees up);
 * - 採択/不採択/補欠 → 受付/審査中: a decision undone or reopened (back to where it was decided from);
 * - 辞退 → 受付: a withdrawal taken back before the decision;
 * - 実施済 → 報告済 only: a visit that took place cannot be un-adopted; 報告済 is the end.
 */
export const TRANSITIONS: Record<Status, readonly Status[]> = {
  draft: ['received', 'withdrawn'],
  received: ['draft', 'under-review', 'adopted', 'rejected', 'waitlisted', 'withdrawn'],
  'under-review': ['received', 'adopted', 'rejected', 'waitlisted', 'withdrawn'],
  adopted: ['received', 'under-review', 'rejected', 'waitlisted', 'withdrawn', 'implemented'],
  rejected: ['received', 'under-review', 'adopted', 'waitlisted'],
  waitlisted: ['received', 'under-review', 'adopted', 'rejected', 'withdrawn'],
  withdrawn: ['received'],
  implemented: ['reported'],
  reported: [],
};

export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * What a requested change means: a real change, or (same status again) a note that records its
 * comment in the history. Throws the sentence staff see when it is refused: an illegal edge, or
 * the same status with nothing to record.
 */
export function planTransition(from: Status, to: Status, comment: string | null | undefined): 'change' | 'note' {
  const f = STATUS_LABELS[from];
  const t = STATUS_LABELS[to];
  if (from === to) {
    if (comment && comment.trim()) return 'note';
    throw new AppError(
      'CONFLICT',
      {
        ja: `すでに「${f.ja}」です。同じ状態に戻すときはコメントを入力してください（履歴に記録します）。`,
        en: `The status is already "${f.en}". To record the same status again, enter a comment (it goes into the history).`,
      },
      { from, to },
    );
  }
  if (!canTransition(from, to)) {
    throw new AppError(
      'CONFLICT',
      {
        ja: `「${f.ja}」から「${t.ja}」には変更できません。${TRANSITIONS[from].length ? `「${f.ja}」から変更できるのは ${TRANSITIONS[from].map((s) => `「${STATUS_LABELS[s].ja}」`).join('')} です。` : `「${f.ja}」は最終の状態です。`}`,
        en: `The status cannot change from "${f.en}" to "${t.en}". ${TRANSITIONS[from].length ? `From "${f.en}" it can change to ${TRANSITIONS[from].map((s) => `"${STATUS_LABELS[s].en}"`).join(', ')}.` : `"${f.en}" is final.`}`,
      },
      { from, to },
    );
  }
  return 'change';
}

/** Every status in life-cycle order (for tables and docs). */
export const LIFE_CYCLE: readonly Status[] = STATUSES;

/**
 * The shortest chain of allowed changes from one status to another (excluding `from`), or null
 * when there is none. For seeding and demo data, which must walk the life cycle like staff do.
 */
export function statusPath(from: Status, to: Status): Status[] | null {
  if (from === to) return [];
  const prev = new Map<Status, Status>();
  const queue: Status[] = [from];
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i]!;
    for (const n of TRANSITIONS[s]) {
      if (n === from || prev.has(n)) continue;
      prev.set(n, s);
      if (n === to) {
        const path: Status[] = [n];
        for (let p = s; p !== from; p = prev.get(p)!) path.unshift(p);
        return path;
      }
      queue.push(n);
    }
  }
  return null;
}
