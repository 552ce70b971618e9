import { resolve } from 'node:path';
import { flagString } from '../args.ts';
import { CliError, invoke, out, type Command } from '../command.ts';

export const backupCommands: Record<string, Command> = {
  backup: {
    usage: 'backup [--out FILE]',
    summary: 'バックアップを作成し、そのファイルを表示 / write a backup, print its file',
    needsDb: true,
    run: async (args, rt) => {
      const file = flagString(args, 'out');
      const info = (await invoke(rt, 'backup/create', file ? { out: resolve(file) } : {})) as { file: string };
      process.stdout.write(`${info.file}\n`);
    },
  },
  'list backups': {
    usage: 'list backups [--json]',
    summary: 'バックアップの一覧（新しい順） / backups, newest first',
    needsDb: true,
    recovery: true,
    run: async (args, rt) => {
      const { items } = (await invoke(rt, 'backup/list', {})) as {
        items: { file: string; createdAt: string; reason: string; sizeBytes: number; schemaVersion: number }[];
      };
      const rows = items.map(({ file, createdAt, reason, sizeBytes, schemaVersion }) => ({ file, createdAt, reason, sizeBytes, schemaVersion }));
      if (args.flags.has('json')) return out(rows);
      for (const r of rows) process.stdout.write(`${r.createdAt}  ${String(r.sizeBytes).padStart(10)}  v${r.schemaVersion}  ${r.reason}  ${r.file}\n`);
    },
  },
  restore: {
    usage: 'restore FILE',
    summary: '現在のデータベースを保存してから FILE で置き換え / keep the current database, then restore FILE',
    needsDb: true,
    recovery: true,
    run: async (args, rt) => {
      const file = args.positionals[1];
      if (!file) throw new CliError('復元するバックアップファイルを指定してください。 / Give the backup file to restore.');
      const r = (await invoke(rt, 'backup/restore', { file: resolve(file) })) as { restoredFrom: string; keptAs: string | null };
      process.stdout.write(`復元しました / Restored: ${r.restoredFrom}\n`);
      if (r.keptAs) process.stdout.write(`以前のデータベース / Previous database kept as: ${r.keptAs}\n`);
    },
  },
  doctor: {
    usage: 'doctor [--json]',
    summary: 'データベースの整合性とバックアップの状態 / integrity and backup health',
    needsDb: true,
    recovery: true,
    run: async (args, rt) => {
      const d = (await invoke(rt, 'backup/doctor', {})) as { integrity: string };
      if (args.flags.has('json')) out(d);
      else for (const [k, v] of Object.entries(d)) process.stdout.write(`${k}: ${String(v)}\n`);
      return d.integrity === 'ok' ? 0 : 1;
    },
  },
  audit: {
    usage: 'audit [--json] [--application NO] [--since ISO] [--entity KIND]',
    summary: '変更履歴（だれが・いつ・何を） / the audit trail: who changed what, when',
    needsDb: true,
    run: async (args, rt) => {
      const filter: Record<string, unknown> = {};
      const no = flagString(args, 'application');
      const since = flagString(args, 'since');
      const entity = flagString(args, 'entity');
      if (no) filter.applicationNo = no;
      if (since) {
        if (Number.isNaN(Date.parse(since))) throw new CliError(`--since の日時「${since}」が読めません（例: 2026-12-01 または 2026-12-01T09:00:00Z）。 / --since needs an ISO date or time.`);
        // A plain date means the start of that day on this laptop, as staff would read it.
        filter.since = new Date(/^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00` : since).toISOString();
      }
      if (entity) filter.entity = entity;
      const rows: { at: string; user: string; action: string; entity: string; entityId: string | null; summary: unknown }[] = [];
      for (let offset = 0; ; offset += 1000) {
        const page = (await invoke(rt, 'audit/list', { ...filter, limit: 1000, offset })) as { items: typeof rows; total: number };
        rows.push(...page.items.map(({ at, user, action, entity: e, entityId, summary }) => ({ at, user, action, entity: e, entityId, summary })));
        if (rows.length >= page.total || page.items.length === 0) break;
      }
      if (args.flags.has('json')) return out(rows);
      for (const r of rows) process.stdout.write(`${r.at}  ${r.user}  ${r.action}  ${r.entity} ${r.entityId ?? ''}  ${JSON.stringify(r.summary)}\n`);
    },
  },
};
