// Every area's text file must give Japanese and English the same keys, with no blanks: a key missing
// in one language shows staff a raw key path (or silently falls back to the other language).
// areas.ts is plain data (no DOM, no i18next), so it loads under plain Node.
import { describe, expect, it } from 'vitest';
import { areas } from '../../renderer/src/i18n/areas.ts';
import { review } from '../../renderer/src/i18n/review.ts';
import { Conflict } from '../../shared/api/review.ts';

type Tree = Record<string, unknown>;

/** Every leaf as "a.b.c"; non-string leaves are reported so the test can reject them. */
function leaves(tree: Tree, prefix = ''): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) out.push(...leaves(value as Tree, path));
    else out.push({ path, value });
  }
  return out;
}

/** {{name}} placeholders of a message, sorted, so both languages interpolate the same values. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

function areaName(area: { ja: Tree }): string {
  return Object.keys(area.ja).join(', ');
}

describe('i18n area files', () => {
  it('has areas to check', () => {
    expect(areas.length).toBeGreaterThan(0);
  });

  for (const area of areas) {
    describe(`area [${areaName(area)}]`, () => {
      const ja = leaves(area.ja);
      const en = leaves(area.en);

      it('has the same key paths in ja and en', () => {
        const jaPaths = ja.map((l) => l.path).sort();
        const enPaths = en.map((l) => l.path).sort();
        expect({ missingInEn: jaPaths.filter((p) => !enPaths.includes(p)), missingInJa: enPaths.filter((p) => !jaPaths.includes(p)) }).toEqual({
          missingInEn: [],
          missingInJa: [],
        });
      });

      it('has only non-empty strings', () => {
        const bad = [...ja.map((l) => ({ ...l, lang: 'ja' })), ...en.map((l) => ({ ...l, lang: 'en' }))]
          .filter((l) => typeof l.value !== 'string' || l.value.trim() === '')
          .map((l) => `${l.lang}:${l.path}`);
        expect(bad).toEqual([]);
      });

      it('uses the same {{placeholders}} in ja and en', () => {
        const enByPath = new Map(en.map((l) => [l.path, l.value]));
        const mismatched = ja
          .filter((l) => typeof l.value === 'string' && typeof enByPath.get(l.path) === 'string')
          .filter((l) => placeholders(l.value as string).join() !== placeholders(enByPath.get(l.path) as string).join())
          .map((l) => l.path);
        expect(mismatched).toEqual([]);
      });
    });
  }

  it('gives each top-level key to one area only (areas are merged shallowly)', () => {
    for (const lang of ['ja', 'en'] as const) {
      const owners = new Map<string, number>();
      const clashes: string[] = [];
      areas.forEach((area, i) => {
        for (const key of Object.keys(area[lang])) {
          if (owners.has(key)) clashes.push(`${lang}:${key} (areas ${owners.get(key)} and ${i})`);
          else owners.set(key, i);
        }
      });
      expect(clashes).toEqual([]);
    }
  });
});

describe('labels for values the contract names', () => {
  // A kind added to the contract without its label showed staff "review.app.conflictKind.applicant".
  it('has a Japanese and an English label for every kind of conflict of interest', () => {
    for (const kind of Conflict.shape.kind.options) {
      expect(review.ja.review.app.conflictKind[kind], kind).toBeTruthy();
      expect(review.en.review.app.conflictKind[kind], kind).toBeTruthy();
    }
  });
});
