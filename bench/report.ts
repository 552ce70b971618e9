// `npx tsx bench/report.ts FILE.json`: the rows of `npm run bench -- --json` as Markdown tables
// (what docs/performance.md shows), grouped as the run printed them.
import { readFileSync } from 'node:fs';
import type { BenchRow } from './common.ts';

const { date, machine, rows } = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { date: string; machine: string; rows: BenchRow[] };
const f = (x: number | undefined) => (x === undefined ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(0));
const out: string[] = [`Run ${date} on ${machine}.`, ''];
for (const group of [...new Set(rows.map((r) => r.group))]) {
  out.push(`### ${group}`, '', '| row | ours | reference | ratio | target | met |', '|---|---:|---:|---:|---|---|');
  for (const r of rows.filter((x) => x.group === group)) {
    out.push(`| ${r.name}${r.note ? ` (${r.note})` : ''} | ${f(r.oursMs)} | ${f(r.refMs)} | ${r.ratio === undefined ? '—' : r.ratio.toFixed(2)} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'met' : '**not met**'} |`);
  }
  out.push('');
}
process.stdout.write(`${out.join('\n')}\n`);
