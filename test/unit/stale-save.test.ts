// The one sentence of a stale save (shared/stale.ts): who and when, the time in JST whatever the
// laptop's zone, the versions, and the details a form needs to offer 再読み込み / Reload.
import { describe, expect, it } from 'vitest';
import { jstMinute, staleSaveError } from '../../shared/stale.ts';

describe('jstMinute', () => {
  it.each([
    ['2026-07-01T00:00:00.000Z', '2026-07-01 09:00 JST'],
    // Across midnight, the month end and the year end: the calendar is Japan's.
    ['2026-07-01T15:30:59.999Z', '2026-07-02 00:30 JST'],
    ['2026-03-31T15:00:00.000Z', '2026-04-01 00:00 JST'],
    ['2026-12-31T23:59:00Z', '2027-01-01 08:59 JST'],
    ['2024-02-28T20:00:00Z', '2024-02-29 05:00 JST'],
    // An offset other than Z is the same instant.
    ['2026-07-01T09:00:00+09:00', '2026-07-01 09:00 JST'],
    // Not a time: shown as it is rather than "Invalid Date".
    ['unknown', 'unknown'],
  ])('%s → %s', (iso, shown) => {
    expect(jstMinute(iso)).toBe(shown);
  });
});

describe('staleSaveError', () => {
  const what = { ja: '機関「東北大学」', en: 'institution "東北大学"' };

  it('names who and when (JST) in both languages, and keeps the exact time and versions in details', () => {
    const e = staleSaveError({ what, expectedVersion: 2, version: 3, changedBy: 'sato', changedAt: '2026-07-01T01:02:03.000Z', key: { id: 'i1' } });
    expect(e.code).toBe('CONFLICT');
    expect(e.messages.ja).toBe(
      '機関「東北大学」は、編集を始めた後に sato さんが 2026-07-01 10:02 JST に変更しました（第2版 → 第3版）。保存していません。最新の内容を読み込んでから、もう一度変更してください。',
    );
    expect(e.messages.en).toBe(
      'sato changed institution "東北大学" at 2026-07-01 10:02 JST, after you started editing (version 2 → 3). Nothing was saved. Reload the latest version and make your change again.',
    );
    expect(e.details).toEqual({ id: 'i1', expectedVersion: 2, version: 3, changedBy: 'sato', changedAt: '2026-07-01T01:02:03.000Z', reload: true });
  });

  it('a record another officer created while this form was entering it says "saved", not "changed"', () => {
    const e = staleSaveError({ what: { ja: '2027年度 第1回公募', en: 'FY2027 call 1' }, expectedVersion: 0, version: 1, changedBy: 'sato', changedAt: '2026-07-01T00:00:00Z' });
    expect(e.messages.ja).toBe('2027年度 第1回公募は、入力を始めた後に sato さんが 2026-07-01 09:00 JST に登録しました（第1版）。保存していません。最新の内容を読み込んでから、もう一度変更してください。');
    expect(e.messages.en).toBe('sato saved FY2027 call 1 at 2026-07-01 09:00 JST, after you started entering it (version 1). Nothing was saved. Reload the latest version and make your change again.');
    expect(e.details).toMatchObject({ expectedVersion: 0, version: 1, changedBy: 'sato', reload: true });
  });

  it('a rule set edited from its shipped default (version 0) was "changed", not "saved"', () => {
    const e = staleSaveError({ what: { ja: '2026年度の要件', en: 'the FY2026 rule set' }, expectedVersion: 0, version: 1, changedBy: 'sato', changedAt: '2026-07-01T00:00:00Z', zeroIsDefault: true });
    expect(e.messages.ja).toContain('編集を始めた後に sato さんが 2026-07-01 09:00 JST に変更しました（第0版 → 第1版）');
    expect(e.messages.en).toContain('sato changed the FY2026 rule set at 2026-07-01 09:00 JST, after you started editing (version 0 → 1)');
  });

  it('a record deleted since the form loaded it says so, and still offers the reload', () => {
    const e = staleSaveError({ what, expectedVersion: 4, version: 0, changedBy: null, changedAt: null });
    expect(e.messages.ja).toBe('機関「東北大学」は、編集を始めた後に削除されました。保存していません。最新の内容を読み込んでください。');
    expect(e.messages.en).toBe('Institution "東北大学" was deleted after you started editing. Nothing was saved. Reload the latest data.');
    expect(e.details).toMatchObject({ version: 0, reload: true });
  });

  it('an editor nobody recorded (rows from before 0008) is shown as "?", never "null"', () => {
    const e = staleSaveError({ what, expectedVersion: 1, version: 2, changedBy: null, changedAt: '2026-07-01T00:00:00Z' });
    expect(e.messages.ja).toContain(' ? さんが ');
    expect(e.messages.en).not.toContain('null');
  });
});
