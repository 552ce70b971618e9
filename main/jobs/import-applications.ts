// The applications import as one function (parse, check, write), so it can run on the request's
// connection or in a worker thread with its own (main/jobs/worker.ts).
import type { DB } from '../../db/open.ts';
import * as apps from '../../db/applications.ts';
import { getRuleSet } from '../../db/rulesets.ts';
import type { ImportProblem } from '../../shared/api/applications.ts';
import { AppError } from '../../shared/errors.ts';
import { checkPlan } from '../../shared/rules/eligibility.ts';
import type { RuleSet } from '../../shared/rules/ruleset.ts';
import type { EligibilityResult, Finding } from '../../shared/rules/types.ts';
import { applicationPlan } from '../handlers/applications.ts';
import { parseApplicationsFile } from '../import/applications.ts';
import { joined, writeAuditEvents } from '../audit/write.ts';
import { noLock, type WriteLock } from './write-gate.ts';

export type Progress = (phase: string, done: number, total: number) => void;

export const importFailed = (problems: ImportProblem[]) =>
  new AppError(
    'IMPORT_REJECTED',
    {
      ja: `ファイルに ${problems.length} 件の問題があるため、取り込みませんでした（何も書き込まれていません）。`,
      en: `The file has ${problems.length} problem(s), so nothing was imported (nothing was written).`,
    },
    { problems },
  );

/**
 * Only the codes are stored (db/applications.ts); the bilingual sentences are made again when a
 * row is shown. Kept for 100,000 rows until the write, they would be most of the import's memory.
 */
function codesOnly(check: EligibilityResult): EligibilityResult {
  const slim = (f: Finding): Finding => ({ code: f.code, message: '', messageEn: '', params: {} });
  return { ...check, violations: check.violations.map(slim), warnings: check.warnings.map(slim) };
}

/**
 * The import in two phases. First, with no lock and no transaction, the file is read, every row
 * checked and its eligibility computed: the long part (seconds for 100,000 rows), during which the
 * app goes on writing. Then, holding the write lock (`writing`: the process's write gate), one
 * transaction writes every row and the audit event: short, and all or nothing, so a crash leaves
 * neither or both, never rows without their record.
 */
export async function importApplicationsAudited(
  db: DB,
  user: string,
  fileName: string,
  bytes: Uint8Array,
  progress: Progress,
  { writing = noLock, maxRows }: { writing?: WriteLock; maxRows?: number } = {},
) {
  progress('read', 0, 1);
  const parsed = await parseApplicationsFile(fileName, bytes, (d, t) => progress('parse', d, t), maxRows);
  if (!parsed.ok) throw importFailed(parsed.problems);
  // Give the door a turn to deliver the parse progress before the checks.
  await new Promise((resolve) => setImmediate(resolve));
  const years = [...new Set(parsed.rows.map((r) => r.data.fiscalYear))];
  const checksWith = (ruleSets: Map<number, RuleSet>) =>
    parsed.rows.map((r) => ({ id: null, data: r.data, check: codesOnly(checkPlan(applicationPlan(r.data), ruleSets.get(r.data.fiscalYear)!)) }));
  const readRuleSets = async (on: DB) => new Map<number, RuleSet>(await Promise.all(years.map(async (fy) => [fy, await getRuleSet(on, fy)] as const)));
  const ruleSets = await readRuleSets(db);
  let items = checksWith(ruleSets);
  return writing(() =>
    db.transaction().execute(async (trx) => {
      const inner = joined(trx);
      // A rule set saved while the file was being checked: check again under the lock, so no row
      // is stored with the verdict of a rule set that is no longer the year's.
      const now = await readRuleSets(inner);
      if (years.some((fy) => JSON.stringify(now.get(fy)) !== JSON.stringify(ruleSets.get(fy)))) items = checksWith(now);
      const { added, updated } = await apps.writeApplications(inner, items, user, (d, t) => progress('write', d, t));
      const value = { added, updated, rows: items.length };
      await writeAuditEvents(inner, user, 'applications/import', { fileName }, value);
      return value;
    }),
  );
}
