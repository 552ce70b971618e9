// 操作履歴 and the 履歴 panels name each changed field in Japanese and English, not by its database
// column. The fields a diff can carry are the columns of the rows AUDIT_SPECS compares (minus the
// bookkeeping write.ts skips) and the tables whose rows a replaced list counts: each needs a name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { AUDIT_SPECS } from '../../main/audit/specs.ts';
import { changedFields, SKIP_FIELDS } from '../../main/audit/write.ts';
import { auditFieldKey, auditFields } from '../../renderer/src/i18n/audit-fields.ts';
import { areas } from '../../renderer/src/i18n/areas.ts';

type Opened = Awaited<ReturnType<typeof openDatabase>>;
let o: Opened;
beforeAll(async () => {
  o = await openDatabase(':memory:');
});
afterAll(async () => {
  await o.close();
});

function diffFields(): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [call, spec] of Object.entries(AUDIT_SPECS)) {
    if (spec.row) {
      const columns = (o.raw.pragma(`table_info(${spec.row.table})`) as { name: string }[]).map((c) => c.name);
      expect(columns.length, spec.row.table).toBeGreaterThan(0);
      // What changedFields would report if every column changed.
      const before = Object.fromEntries(columns.map((c) => [c, 'a']));
      const after = Object.fromEntries(columns.map((c) => [c, 'b']));
      for (const f of Object.keys(changedFields(before, after))) fields.set(f, `${call} (${spec.row.table})`);
    }
    if (spec.count) fields.set(spec.count.table, `${call} (count)`);
  }
  return fields;
}

function label(lang: 'ja' | 'en', key: string): unknown {
  const merged = Object.assign({}, ...areas.map((a) => a[lang])) as Record<string, unknown>;
  return key.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), merged);
}

describe('audit field labels', () => {
  it('every field an audit diff can carry has a Japanese and an English name', () => {
    const fields = diffFields();
    // The main entities are all there: the scan is not comparing nothing with nothing.
    for (const f of ['requested_amount', 'title', 'name_ja', 'spent_yen', 'max_load', 'score', 'participant', 'itinerary_slot']) expect(fields.has(f), f).toBe(true);
    const missing: string[] = [];
    for (const [f, where] of fields) {
      for (const lang of ['ja', 'en'] as const) {
        const text = label(lang, auditFieldKey(f));
        if (typeof text !== 'string' || !text.trim() || text === f) missing.push(`${lang} ${f} (${where})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('bookkeeping columns are not shown, so they need no name', () => {
    expect(Object.keys(changedFields({ updated_at: 'a', row_version: 1 }, { updated_at: 'b', row_version: 2 }))).toEqual([]);
    for (const f of SKIP_FIELDS) expect(diffFields().has(f), f).toBe(false);
  });

  it('names no field the diffs cannot produce (a stale entry would hide a renamed column)', () => {
    const fields = diffFields();
    expect(Object.keys(auditFields.ja.auditField).filter((f) => !fields.has(f))).toEqual([]);
    expect(Object.keys(auditFields.en.auditField).sort()).toEqual(Object.keys(auditFields.ja.auditField).sort());
  });

  it('the Japanese names are distinct', () => {
    const names = Object.values(auditFields.ja.auditField);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});
