import { defaultRuleSet, ruleSetName, RuleValues, type RuleSet } from '../shared/rules/ruleset.ts';
import type { AppError } from '../shared/errors.ts';
import { staleSaveError } from '../shared/stale.ts';
import { lockScope } from './engine.ts';
import { newId, nowIso } from './ids.ts';
import { refreshYearChecks } from './program-checks.ts';
import type { DB } from './open.ts';
import type { RuleSetChangeRow } from './schema.ts';
import type { PageInput } from '../shared/api/page.ts';
import { limited, pageOf } from './paging.ts';

/** A year with no staff edit uses the shipped default (version 0). */
export async function getRuleSet(db: DB, fiscalYear: number): Promise<RuleSet> {
  const row = await db.selectFrom('rule_set').selectAll().where('fiscal_year', '=', fiscalYear).executeTakeFirst();
  if (!row) return defaultRuleSet(fiscalYear);
  return {
    fiscalYear,
    version: row.version,
    name: ruleSetName(fiscalYear, row.version),
    // Parsed through the schema so a row written by an older app with fewer fields fails loudly.
    values: RuleValues.parse(JSON.parse(row.values_json)),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function staleSave(fiscalYear: number, expected: number, version: number, by: string, atIso: string): AppError {
  // The one sentence of every stale save (shared/stale.ts): who, and when in JST.
  return staleSaveError({
    what: { ja: `${fiscalYear}年度の要件`, en: `the FY${fiscalYear} rule set` },
    expectedVersion: expected,
    version,
    changedBy: by,
    changedAt: atIso,
    key: { fiscalYear },
    zeroIsDefault: true,
  });
}

/** Saves a new version of a year's rule set and keeps the change in its history. */
export async function saveRuleSet(
  db: DB,
  fiscalYear: number,
  values: RuleValues,
  user: string,
  note: string | null,
  expectedVersion?: number,
): Promise<RuleSet> {
  const now = nowIso();
  const json = JSON.stringify(values);
  const saved = await db.transaction().execute(async (trx) => {
    // Officers saving the same year queue here (team mode), so each reads the version the one
    // before committed: no duplicate version, no lost save. The year's row may not exist yet,
    // hence a lock on the year rather than on the row.
    await lockScope(trx, 'rule_set', fiscalYear);
    const current = await trx
      .selectFrom('rule_set')
      .select(['id', 'version', 'updated_by', 'updated_at'])
      .where('fiscal_year', '=', fiscalYear)
      .executeTakeFirst();
    if (expectedVersion !== undefined && (current?.version ?? 0) !== expectedVersion && current) {
      throw staleSave(fiscalYear, expectedVersion, current.version, current.updated_by, current.updated_at);
    }
    const version = (current?.version ?? 0) + 1;
    if (current) {
      await trx
        .updateTable('rule_set')
        .set({ version, values_json: json, updated_by: user, updated_at: now })
        .where('id', '=', current.id)
        .execute();
    } else {
      await trx
        .insertInto('rule_set')
        .values({ id: newId(), fiscal_year: fiscalYear, version, values_json: json, updated_by: user, created_at: now, updated_at: now })
        .execute();
    }
    await trx
      .insertInto('rule_set_change')
      .values({ id: newId(), fiscal_year: fiscalYear, version, values_json: json, note, changed_by: user, changed_at: now })
      .execute();
    // Every program of the year was checked under the old version: store its check under the new
    // one in this transaction (0012), set-wise, a chunk of programs per statement.
    await refreshYearChecks(trx, fiscalYear);
    return version;
  });
  // The version this call saved, not whatever another officer committed a moment later.
  return { fiscalYear, version: saved, name: ruleSetName(fiscalYear, saved), values: RuleValues.parse(values), updatedAt: now, updatedBy: user };
}

/** A page of the year's rule-set changes, newest first, and `total`, a COUNT of them. */
export async function ruleSetHistory(db: DB, fiscalYear: number, p: PageInput = {}) {
  return pageOf(
    p,
    async () => (await limited(db.selectFrom('rule_set_change').selectAll().where('fiscal_year', '=', fiscalYear).orderBy('version', 'desc'), p).execute()).map(toChange),
    async () =>
      (await db.selectFrom('rule_set_change').select((eb) => eb.fn.countAll<number>().as('n')).where('fiscal_year', '=', fiscalYear).executeTakeFirstOrThrow()).n,
  );
}

function toChange(r: RuleSetChangeRow) {
  return {
    version: r.version,
    changedAt: r.changed_at,
    changedBy: r.changed_by,
    note: r.note,
    values: RuleValues.parse(JSON.parse(r.values_json)),
  };
}
