// Clean text at the contract: every string that any call accepts refuses NUL, control characters
// and lone surrogates, found by walking the zod input schemas of the whole api table (so calls
// added later are covered without touching this test).
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { api, callNames } from '../../shared/api/index.ts';
import { CountryCode } from '../../shared/domain.ts';
import { findBadChar, TextBlock, TextLine } from '../../shared/text.ts';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every string schema reachable from `schema`, with the path to it. */
function stringLeaves(schema: z.ZodType, path: string, out: { path: string; schema: z.ZodType }[], seen = new Set<unknown>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = defOf(schema);
  const walk = (s: unknown, p: string) => stringLeaves(s as z.ZodType, p, out, seen);
  switch (def.type) {
    case 'string':
      out.push({ path, schema });
      return;
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) walk(v, `${path}.${k}`);
      return;
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return walk(def.innerType, path);
    case 'pipe':
      walk(def.in, path);
      return walk(def.out, path);
    case 'union':
      for (const o of def.options as unknown[]) walk(o, path);
      return;
    case 'intersection':
      walk(def.left, path);
      return walk(def.right, path);
    case 'record':
      walk(def.keyType, `${path}{key}`);
      return walk(def.valueType, `${path}{}`);
    case 'tuple':
      (def.items as unknown[]).forEach((s, i) => walk(s, `${path}[${i}]`));
      return;
    case 'lazy':
      return walk((def.getter as () => unknown)(), path);
    default:
      return;
  }
}

const HOSTILE = ['ab\u0000cd', 'ab\ud800cd', 'ab\udfffcd', 'ab\u0007cd', 'ab\u001bcd', 'ab\u0085cd', 'ab\ufffecd'];

describe('clean text at the contract', () => {
  const leaves: { path: string; schema: z.ZodType }[] = [];
  for (const name of callNames) stringLeaves(api[name].input as z.ZodType, name, leaves);

  it('finds the string fields of the contract', () => {
    expect(leaves.length).toBeGreaterThan(40);
  });

  it.each(HOSTILE.map((h) => [JSON.stringify(h), h]))('every input string refuses %s', (_label, hostile) => {
    const accepted = leaves.filter((l) => l.schema.safeParse(hostile).success).map((l) => l.path);
    expect(accepted).toEqual([]);
  });

  it('single-line fields refuse tab and line breaks; multi-line fields keep them', () => {
    expect(TextLine.safeParse('a\tb').success).toBe(false);
    expect(TextLine.safeParse('a\nb').success).toBe(false);
    expect(TextBlock.safeParse('a\tb\r\nc\nd').success).toBe(true);
    expect(TextBlock.safeParse('a\u0000b').success).toBe(false);
  });

  it('keeps well-formed non-BMP text (emoji, CJK extension B) and trims', () => {
    expect(TextLine.parse(' 𠮷野家 😀 ')).toBe('𠮷野家 😀');
    expect(findBadChar('𠮷😀')).toBeNull();
    expect(findBadChar('x\ud83d')).toEqual({ index: 1, codePoint: 'U+D83D' });
  });

  it('country codes are checked against ISO 3166, with XK (Kosovo) as the one user-assigned code', () => {
    for (const c of ['JP', 'VN', 'TW', 'XK']) expect(CountryCode.safeParse(c).success).toBe(true);
    for (const c of ['ZZ', 'EU', 'XA', 'AA', 'QM', 'UK', 'jp', 'JPN']) expect(CountryCode.safeParse(c).success).toBe(false);
  });
});
