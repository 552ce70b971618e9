// Export of a chart as SVG and PNG, done in the page: the recharts <svg> is cloned with the styles
// it inherits from CSS written onto each element (an exported file has no stylesheet), a title and
// a legend are drawn into the same SVG (recharts' legend is HTML and would be lost), and the PNG is
// that SVG drawn onto a canvas. Fonts are named, not embedded: Noto Sans CJK JP is what the staff
// laptops and the test machine render Japanese with.
import type { SeriesStyle } from './theme.tsx';

export interface LegendEntry {
  label: string;
  style: SeriesStyle;
  /** Fill used on screen (colour or pattern url). */
  fill: string;
  kind: 'bar' | 'line';
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = "'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic UI', Meiryo, sans-serif";
const TEXT_PROPS = ['font-size', 'font-weight', 'fill'] as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The chart's own <svg> (not the legend's little icons, which are svgs too). */
export function chartSurface(container: HTMLElement): SVGSVGElement | null {
  return container.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface');
}

function inlineTextStyles(orig: Element, clone: Element): void {
  if (orig instanceof SVGTextElement || orig instanceof SVGTSpanElement) {
    const cs = getComputedStyle(orig);
    for (const p of TEXT_PROPS) {
      const v = cs.getPropertyValue(p);
      if (v && !clone.getAttribute(p)) clone.setAttribute(p, v);
    }
    clone.setAttribute('font-family', FONT);
  }
  const oc = orig.children;
  const cc = clone.children;
  for (let i = 0; i < oc.length && i < cc.length; i++) inlineTextStyles(oc[i]!, cc[i]!);
}

/** Width of a label in the legend, roughly: CJK characters are about twice as wide. */
function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.58;
  return w;
}

export function buildSvg(container: HTMLElement, title: string, legend: LegendEntry[]): { svg: string; width: number; height: number } {
  const surface = chartSurface(container);
  if (!surface) throw new Error('chart not rendered');
  const rect = surface.getBoundingClientRect();
  const cw = Math.round(Number(surface.getAttribute('width')) || rect.width);
  const ch = Math.round(Number(surface.getAttribute('height')) || rect.height);
  const clone = surface.cloneNode(true) as SVGSVGElement;
  inlineTextStyles(surface, clone);
  clone.removeAttribute('style');
  clone.removeAttribute('class');
  clone.setAttribute('x', '0');
  clone.setAttribute('y', '40');
  clone.setAttribute('width', String(cw));
  clone.setAttribute('height', String(ch));
  // Legend rows: as many entries per row as fit. Recharts keeps an empty band at the bottom of its
  // <svg> where its HTML legend sits on screen; the drawn legend goes into that band.
  const items: string[] = [];
  const htmlLegend = container.querySelector('.recharts-legend-wrapper')?.getBoundingClientRect();
  const band = htmlLegend && htmlLegend.height > 0 ? Math.max(0, Math.min(ch, htmlLegend.top - rect.top)) : ch + 10;
  let x = 16;
  let y = 40 + band + 4;
  for (const e of legend) {
    const w = 22 + textWidth(e.label, 12) + 18;
    if (x + w > cw && x > 16) {
      x = 16;
      y += 22;
    }
    const swatch =
      e.kind === 'line'
        ? `<line x1="${x}" y1="${y + 7}" x2="${x + 16}" y2="${y + 7}" stroke="${e.style.color}" stroke-width="2.5" stroke-dasharray="${e.style.dash}"/>`
        : `<rect x="${x}" y="${y}" width="16" height="14" fill="${esc(e.fill)}" stroke="${e.style.ink}" stroke-width="1"/>`;
    items.push(`${swatch}<text x="${x + 22}" y="${y + 12}" font-size="12" fill="#1f2933" font-family="${esc(FONT)}">${esc(e.label)}</text>`);
    x += w;
  }
  const width = cw;
  const height = Math.max(y + 28, 40 + ch + 8);
  const svg =
    `<svg xmlns="${SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="16" y="26" font-size="16" font-weight="700" fill="#1f2933" font-family="${esc(FONT)}">${esc(title)}</text>` +
    new XMLSerializer().serializeToString(clone) +
    items.join('') +
    `</svg>`;
  return { svg, width, height };
}

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later, not at once: the download may not have started reading the URL yet.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function svgBlob(svg: string): Blob {
  return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
}

/** The SVG drawn at `scale`× onto a white canvas, as PNG. */
export async function pngBlob(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no canvas');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.scale(scale, scale);
    g.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}
