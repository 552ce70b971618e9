// docs/import-vocabulary.md documents every enumerated import column; it is generated from the
// importers' own tables, and this test fails when the two drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vocabularyDoc } from '../../main/import/vocabulary-doc.ts';
import { parsePosition, parseRole, parseSex, POSITION_WORDS } from '../../shared/programs.ts';
import { parseCourse, parseField, parseMode } from '../../shared/parse.ts';

const DOC = 'docs/import-vocabulary.md';

describe('import vocabulary document', () => {
  it('is up to date (regenerate with UPDATE_DOCS=1 npx vitest run test/unit/vocabulary-doc.test.ts)', () => {
    const want = vocabularyDoc();
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, want);
    expect(readFileSync(DOC, 'utf8')).toBe(want);
  });

  it('documents words the importers accept, and values outside them are refused', () => {
    const doc = readFileSync(DOC, 'utf8');
    for (const w of Object.values(POSITION_WORDS).flatMap((x) => [x.ja, ...x.aliases])) expect(doc).toContain(w);
    for (const [parse, bad] of [
      [parseCourse, 'D'],
      [parseField, '工学'],
      [parseMode, 'ハイブリッド'],
      [parseSex, '不明'],
      [parseRole, '通訳'],
      [parsePosition, '部長'],
    ] as const) {
      expect((parse as (v: unknown) => { ok: boolean })(bad).ok, bad).toBe(false);
      expect(doc).not.toContain(`、${bad} `);
    }
  });
});
