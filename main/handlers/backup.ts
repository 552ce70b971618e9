import { listAuditEvents } from '../../db/audit.ts';
import { getBackupSettings, setBackupSettings } from '../../db/backup-settings.ts';
import { DEFAULT_ROTATION } from '../../shared/backup-rotation.ts';
import { AppError } from '../../shared/errors.ts';
import type { Ctx } from '../context.ts';
import type { HandlerTable } from '../dispatch.ts';
import { backupFolder } from '../storage/backups.ts';
import type { Storage } from '../storage/types.ts';

type Names = 'backup/list' | 'backup/create' | 'backup/restore' | 'backup/saveSettings' | 'backup/doctor' | 'startup/status' | 'startup/retry' | 'audit/list';

const LOCAL_DOORS = new Set(['cli', 'test']);

function pathRefused(): AppError {
  return new AppError(
    'FORBIDDEN',
    { ja: 'バックアップ一覧にないファイルは画面から扱えません。CLI（restore FILE / backup --out FILE）を使ってください。', en: 'Files outside the backup list cannot be used from the app; use the CLI (restore FILE / backup --out FILE).' },
  );
}

function storage(ctx: Ctx): Storage {
  if (ctx.storage) return ctx.storage;
  throw new AppError('INTERNAL', { ja: 'バックアップ機能が使えません。', en: 'Backups are not available here.' });
}

export const backupHandlers: Pick<HandlerTable, Names> = {
  'backup/list': async (ctx) => {
    // In recovery mode there is no database to read the settings from: the defaults apply.
    const settings = ctx.db ? await getBackupSettings(ctx.db) : { ...DEFAULT_ROTATION };
    return { folder: storage(ctx).folder ?? backupFolder(ctx.dbPath), items: storage(ctx).list(), settings };
  },
  'backup/create': async (ctx, { jobId, out }) => {
    // Writing to any path is for the CLI (`backup --out FILE`); the page only fills backups/.
    if (out && !LOCAL_DOORS.has(ctx.door)) throw pathRefused();
    const info = await storage(ctx).backup({ reason: 'manual', kind: 'manual', jobId, out });
    if (!info) throw new AppError('VALIDATION', { ja: 'メモリー上のデータベースはバックアップできません。', en: 'An in-memory database cannot be backed up.' });
    return info;
  },
  'backup/restore': (ctx, { file }) => {
    // The screen restores only what the backup list offered; any other file is the CLI's to give.
    if (!LOCAL_DOORS.has(ctx.door) && !storage(ctx).list().some((b) => b.file === file)) throw pathRefused();
    return storage(ctx).restore(file);
  },
  'backup/saveSettings': async (ctx, s) => {
    await setBackupSettings(ctx.db, s, ctx.user);
    return getBackupSettings(ctx.db);
  },
  'backup/doctor': (ctx) => storage(ctx).doctor(),
  'startup/status': (ctx) => storage(ctx).status(),
  'startup/retry': (ctx) => storage(ctx).retry(),
  'audit/list': async (ctx, f) => {
    let applicationIds: string[] | undefined;
    if (f.applicationNo !== undefined || f.applicationId !== undefined) {
      applicationIds = f.applicationId ? [f.applicationId] : [];
      if (f.applicationNo) {
        const rows = await ctx.db.selectFrom('application').select('id').where('application_no', '=', f.applicationNo).execute();
        applicationIds.push(...rows.map((r) => r.id));
      }
    }
    const { rows, total } = await listAuditEvents(ctx.db, {
      entity: f.entity,
      entityId: f.entityId,
      applicationIds,
      since: f.since,
      actor: f.user,
      action: f.action,
      limit: f.limit,
      offset: f.offset,
    });
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        user: r.actor,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        applicationId: r.application_id,
        summary: JSON.parse(r.summary_json) as unknown,
      })),
    };
  },
};
