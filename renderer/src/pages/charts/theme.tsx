// Series styles that stay apart when printed in grey: each differs in lightness and, for bars, in
// fill pattern (solid, hatched, dotted, cross-hatched); lines differ in dash. Colour is a bonus.
import type { Lang } from '../../../../shared/errors.ts';

export interface SeriesStyle {
  /** Base colour (legend swatch, line stroke). */
  color: string;
  /** Pattern drawn over the colour, or none for solid. */
  pattern: 'solid' | 'hatch' | 'dots' | 'cross' | 'hatch-back';
  /** Stroke colour of pattern lines and bar outlines: dark enough to print. */
  ink: string;
  /** Dash array for lines ('' for solid). */
  dash: string;
}

/** Ordered dark → light so neighbouring series never share a grey level. */
export const SERIES: SeriesStyle[] = [
  { color: '#243b6b', pattern: 'solid', ink: '#101c35', dash: '' },
  { color: '#f2a1bb', pattern: 'hatch', ink: '#a3224f', dash: '8 4' },
  { color: '#8fb7d9', pattern: 'dots', ink: '#1d4f7a', dash: '2 3' },
  { color: '#e9c46a', pattern: 'cross', ink: '#7a5a00', dash: '12 3 3 3' },
  { color: '#6b8f71', pattern: 'hatch-back', ink: '#1f3d25', dash: '4 2' },
];
export const RATE_LINE = { color: '#1f2933', dash: '6 3' };

/** The fill for series i: a pattern url (ids are per chart, so several charts can share a page). */
export function fillOf(prefix: string, i: number): string {
  const s = SERIES[i % SERIES.length]!;
  return s.pattern === 'solid' ? s.color : `url(#${prefix}-p${i % SERIES.length})`;
}

/** <defs> with one pattern per series style; put inside the chart's <svg>. */
export function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      {SERIES.map((s, i) => {
        if (s.pattern === 'solid') return null;
        const id = `${prefix}-p${i}`;
        const rotate = s.pattern === 'hatch-back' ? 'rotate(-45)' : s.pattern === 'hatch' ? 'rotate(45)' : undefined;
        return (
          <pattern key={id} id={id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform={rotate}>
            <rect width="6" height="6" fill={s.color} />
            {(s.pattern === 'hatch' || s.pattern === 'hatch-back') && <line x1="0" y1="0" x2="0" y2="6" stroke={s.ink} strokeWidth="1.6" />}
            {s.pattern === 'dots' && <circle cx="3" cy="3" r="1.2" fill={s.ink} />}
            {s.pattern === 'cross' && <path d="M0 0L6 6M6 0L0 6" stroke={s.ink} strokeWidth="0.9" />}
          </pattern>
        );
      })}
    </defs>
  );
}

const numberFormats: Partial<Record<Lang, Intl.NumberFormat>> = {};
export function fmt(n: number, lang: Lang): string {
  const f = (numberFormats[lang] ??= new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'ja-JP'));
  return f.format(n);
}
/** 49.3% (one decimal), or an en dash when there is nothing to rate. */
export function fmtPercent(p: number | null, lang: Lang): string {
  if (p === null) return '–';
  return `${p.toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}
export { uiLang } from '../../ui/format.ts';
