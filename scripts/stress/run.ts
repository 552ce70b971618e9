// `npm run stress [-- --kills N --web-kills M]`: the full crash harness, figures printed at the end.
import { runStress } from './harness.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const started = Date.now();
const report = await runStress({ kills: arg('kills', 100), webKills: arg('web-kills', 20), log: (l) => console.log(l) });
console.log(JSON.stringify({ ...report, seconds: Math.round((Date.now() - started) / 1000) }, null, 2));
console.log(
  `${report.killsVerified}/${report.kills} kills and ${report.webKillsVerified}/${report.webKills} web-mode kills with nothing lost ` +
    `(${report.ackedImports} imports, ${report.ackedEdits} edits acknowledged; ${report.applications} applications in the file).`,
);
process.exit(report.failures.length === 0 ? 0 : 1);
