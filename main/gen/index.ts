// `npm run gen -- --years N --out FILE [--seed S] [--scale realistic|stress]`: writes a generated
// database for benchmarks and tests. Refuses to write into an existing file (it would mix data).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db/open.ts';
import { flagString, parseArgs } from '../cli/args.ts';
import { generate, type Scale } from './generate.ts';

function fail(message: string): never {
  process.stderr.write(`エラー: ${message}\n`);
  process.exit(1);
}

export async function runGen(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const years = Number(flagString(args, 'years') ?? '20');
  const out = flagString(args, 'out') ?? `/tmp/sakura-gen-${years}y.sqlite`;
  const seed = Number(flagString(args, 'seed') ?? '1');
  const scale = (flagString(args, 'scale') ?? 'realistic') as Scale;
  if (!Number.isInteger(years) || years < 1 || years > 60) fail('--years は 1〜60 の整数です。 / --years must be an integer from 1 to 60.');
  if (!Number.isInteger(seed)) fail('--seed は整数です。 / --seed must be an integer.');
  if (scale !== 'realistic' && scale !== 'stress') fail('--scale は realistic か stress です。 / --scale must be realistic or stress.');
  if (existsSync(out)) fail(`「${out}」はすでにあります。別のファイル名を指定してください。 / "${out}" exists; give another file.`);
  mkdirSync(dirname(out), { recursive: true });
  const t0 = performance.now();
  const open = await openDatabase(out);
  // A fresh throw-away file: losing it on a power cut costs a rerun, so skip the per-commit fsync.
  open.raw.pragma('synchronous = OFF');
  let summary;
  try {
    summary = await generate(open.db, {
      years,
      seed,
      scale,
      onYear: (fy, done, total) => process.stderr.write(`  FY${fy} (${done}/${total})\n`),
    });
  } catch (e) {
    // A half-written database would pass for a generated one later: remove it.
    await open.close();
    for (const f of [out, `${out}-wal`, `${out}-shm`]) rmSync(f, { force: true });
    throw e;
  }
  open.raw.exec('ANALYZE');
  await open.close();
  const total = Object.values(summary.rows).reduce((s, n) => s + n, 0);
  process.stdout.write(
    `${out}: FY${summary.fromYear}–FY${summary.toYear}, ${scale}, seed ${seed}, ${total.toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      Object.entries(summary.rows)
        .map(([t, n]) => `  ${t.padEnd(26)} ${n.toLocaleString('en').padStart(10)}`)
        .join('\n') +
      '\n',
  );
}

if (process.argv[1] && /main[\\/]gen[\\/]index\.ts$/.test(process.argv[1])) {
  runGen(process.argv.slice(2)).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
}
