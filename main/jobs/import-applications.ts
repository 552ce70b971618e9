// The applications import as one function (parse, check, write), so it can run on the request's
// connection or in a worker thread with its own (main/jobs/worker.ts).
import type { DB } from '../../db/open.ts';
import * as apps from '../../db/applications.ts';
import { getRuleSet } from '../../db/rulesets.ts';
import type { ImportProblem } from '../../shared/api/applications.ts';
import { AppError } from '../../shared/errors.ts';
import { checkPlan } from '../../shared/rules/eligibility.ts';
import type { RuleSet } from '../../shared/rules/ruleset.ts';
import { applicationPlan } from '../handlers/applications.ts';
import { parseApplicationsFile } from '../import/applications.ts';
import { joined, writeAuditEvents } from '../audit/write.ts';

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

export async function importApplications(db: DB, user: string, fileName: string, bytes: Uint8Array, progress: Progress) {
  progress('read', 0, 1);
  const parsed = await parseApplicationsFile(fileName, Buffer.from(bytes), (d, t) => progress('parse', d, t));
  if (!parsed.ok) throw importFailed(parsed.problems);
  // Give the door a turn to deliver the parse progress before the write phase starts.
  await new Promise((resolve) => setImmediate(resolve));
  const ruleSets = new Map<number, RuleSet>();
  for (const fy of new Set(parsed.rows.map((r) => r.data.fiscalYear))) ruleSets.set(fy, await getRuleSet(db, fy));
  const items = parsed.rows.map((r) => ({
    id: null,
    data: r.data,
    check: checkPlan(applicationPlan(r.data), ruleSets.get(r.data.fiscalYear)!),
  }));
  const { added, updated } = await apps.writeApplications(db, items, user, (d, t) => progress('write', d, t));
  return { added, updated, rows: items.length };
}

/**
 * The import and its audit event in one transaction on `db` (the request's connection or the
 * worker's own), so a crash leaves neither or both: never rows without their record.
 */
export async function importApplicationsAudited(db: DB, user: string, fileName: string, bytes: Uint8Array, progress: Progress) {
  return db.transaction().execute(async (trx) => {
    const inner = joined(trx);
    const value = await importApplications(inner, user, fileName, bytes, progress);
    await writeAuditEvents(inner, user, 'applications/import', { fileName }, value);
    return value;
  });
}
