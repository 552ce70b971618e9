import { DEFAULT_ROTATION, type RotationSettings } from '../shared/backup-rotation.ts';
import { sql } from 'kysely';
import { nowIso } from './ids.ts';
import type { DB } from './open.ts';

const KEY = 'backup.rotation';

export async function getBackupSettings(db: DB): Promise<RotationSettings> {
  const row = await db.selectFrom('app_setting').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { ...DEFAULT_ROTATION };
  try {
    return { ...DEFAULT_ROTATION, ...(JSON.parse(row.value) as Partial<RotationSettings>) };
  } catch {
    return { ...DEFAULT_ROTATION };
  }
}

export async function setBackupSettings(db: DB, s: RotationSettings, user: string): Promise<void> {
  const now = nowIso();
  const value = JSON.stringify(s);
  await db
    .insertInto('app_setting')
    .values({ key: KEY, value, updated_by: user, created_at: now, updated_at: now })
    // The version moves on with every save of any setting (migration 0010), as every edit's does.
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: user, updated_at: now, row_version: sql<number>`app_setting.row_version + 1` }))
    .execute();
}
