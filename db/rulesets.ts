import { defaultRuleSet, ruleSetName, RuleValues, type RuleSet } from '../shared/rules/ruleset.ts';
import { newId, nowIso } from './ids.ts';
import type { DB } from './open.ts';
import type { RuleSetChangeRow } from './schema.ts';

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

/** Saves a new version of a year's rule set and keeps the change in its history. */
export async function saveRuleSet(
  db: DB,
  fiscalYear: number,
  values: RuleValues,
  user: string,
  note: string | null,
): Promise<RuleSet> {
  const now = nowIso();
  const json = JSON.stringify(values);
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('rule_set')
      .select(['id', 'version'])
      .where('fiscal_year', '=', fiscalYear)
      .executeTakeFirst();
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
  });
  return getRuleSet(db, fiscalYear);
}

export async function ruleSetHistory(db: DB, fiscalYear: number) {
  const rows: RuleSetChangeRow[] = await db
    .selectFrom('rule_set_change')
    .selectAll()
    .where('fiscal_year', '=', fiscalYear)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    changedAt: r.changed_at,
    changedBy: r.changed_by,
    note: r.note,
    values: RuleValues.parse(JSON.parse(r.values_json)),
  }));
}
