// A status has one name per language: the catalogue's appStatus texts are built from shared/status.ts,
// and no renderer file keeps its own copy of a label (the copies used to disagree: six of them).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../shared/domain.ts';
import { STATUS_LABELS } from '../../shared/status.ts';
import { areas } from '../../renderer/src/i18n/areas.ts';

const ROOT = join(process.cwd(), 'renderer/src');
/** The one file allowed to turn the shared labels into texts. */
const OWNER = 'i18n/status.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Code without comments, so a comment may still name a status ("decide (採択・不採択・補欠)"). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/**
 * Lines that use a status word for something else. The charts' funnel stages count every
 * application that reached a stage (採択 there includes 実施済 and 報告済), so they are not statuses.
 */
const NOT_STATUSES = [/^\s*stages: \{ applications: /];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('status labels', () => {
  it('every status of shared/status.ts has a Japanese and an English label in the catalogue', () => {
    const merged = (lang: 'ja' | 'en') => Object.assign({}, ...areas.map((a) => a[lang])) as { appStatus: Record<string, string> };
    for (const lang of ['ja', 'en'] as const) {
      const texts = merged(lang).appStatus;
      expect(Object.keys(texts).sort()).toEqual([...STATUSES].sort());
      for (const s of STATUSES) {
        expect(texts[s], `${lang} ${s}`).toBe(STATUS_LABELS[s][lang]);
        expect(texts[s]!.trim(), `${lang} ${s}`).not.toBe('');
      }
    }
  });

  it('the Japanese labels are distinct, so no two statuses read the same', () => {
    const ja = STATUSES.map((s) => STATUS_LABELS[s].ja);
    expect(new Set(ja).size).toBe(ja.length);
  });

  it('no renderer file hard-codes a status label', () => {
    // A label as a whole string literal ('採択', "Under review") or as JSX text (>採択<).
    const words = STATUSES.flatMap((s) => [STATUS_LABELS[s].ja, STATUS_LABELS[s].en]);
    const literal = new RegExp(`(['"\`>])\\s*(${words.map(escape).join('|')})\\s*(\\1|<|['"\`])`);
    const found: string[] = [];
    const all = files(ROOT);
    expect(all.length).toBeGreaterThan(50);
    for (const path of all) {
      const rel = relative(ROOT, path).replaceAll('\\', '/');
      if (rel === OWNER) continue;
      code(readFileSync(path, 'utf8'))
        .split('\n')
        .forEach((line, i) => {
          if (NOT_STATUSES.some((r) => r.test(line))) return;
          const m = literal.exec(line);
          if (m) found.push(`${rel}:${i + 1}: ${m[2]}`);
        });
    }
    expect(found).toEqual([]);
  });

  it('the scan would catch a copy', () => {
    const words = STATUSES.map((s) => STATUS_LABELS[s].ja);
    const literal = new RegExp(`(['"\`>])\\s*(${words.map(escape).join('|')})\\s*(\\1|<|['"\`])`);
    expect(literal.test(code("  rejected: '不採択',"))).toBe(true);
    expect(literal.test(code('<td>補欠</td>'))).toBe(true);
    expect(literal.test(code('// decide (採択・不採択・補欠)'))).toBe(false);
    expect(literal.test(code("  intro: '採択された計画です。',"))).toBe(false);
  });
});
