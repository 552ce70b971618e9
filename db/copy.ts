// Moves every row from one store to another (laptop file → team server, or back for an offline
// copy), ids kept. Refuses a target that already holds data; checks the counts after, inside the
// target's transaction, so a short copy leaves nothing behind.
import { sql } from 'kysely';
import { AppError } from '../shared/errors.ts';
import { engineOf } from './engine.ts';
import type { DB } from './open.ts';
import { openCopySource } from './copy-source.ts';
import { assertEmptyTarget } from './copy-target.ts';
import { isPostgresUrl, openStore } from './store.ts';

/** Tables of the app (not Kysely's own bookkeeping), parents before children. */
export async function tablesInOrder(db: DB): Promise<string[]> {
  const edges: { child: string; parent: string }[] = [];
  let tables: string[];
  if (engineOf(db) === 'postgres') {
    tables = (
      await sql<{ name: string }>`select relname as name from pg_class
        where relkind = 'r' and relnamespace = current_schema()::regnamespace`.execute(db)
    ).rows.map((r) => r.name);
    edges.push(
      ...(
        await sql<{ child: string; parent: string }>`select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
          from pg_constraint c where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db)
      ).rows,
    );
  } else {
    tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'`.execute(db)).rows.map(
      (r) => r.name,
    );
    for (const t of tables) {
      const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(db);
      edges.push(...fks.rows.map((f) => ({ child: t, parent: f.table })));
    }
  }
  tables = tables.filter((t) => !t.startsWith('kysely_')).sort();
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (seen.has(t) || path.has(t)) return;
    path.add(t);
    for (const e of edges) if (e.child === t && e.parent !== t) visit(e.parent, path);
    seen.add(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function counts(db: DB, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    out[t] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

export interface CopyReport {
  from: string;
  to: string;
  tables: { table: string; rows: number }[];
  rows: number;
}

/** Rows that the migrations themselves insert (e.g. the built-in track record): not "data". */
async function seededCounts(tables?: string[]): Promise<Record<string, number>> {
  const fresh = await openStore(':memory:');
  try {
    return await counts(fresh.db, (tables ?? (await tablesInOrder(fresh.db))).filter((t) => t !== 'kysely_migration'));
  } finally {
    await fresh.close();
  }
}

const BATCH = 200;

export async function copyStore(from: string, to: string): Promise<CopyReport> {
  // Looked at from outside before anything opens it: opening migrates, and a target that is not
  // empty must be left exactly as it was (no schema, no migration table, not a byte).
  await assertEmptyTarget(to, await seededCounts(), isPostgresUrl(to));
  // The source is read, never written: an older laptop file is migrated in a snapshot, not in place.
  const source = await openCopySource(from);
  const src = source.store;
  try {
    const dst = await openStore(to);
    try {
      const tables = await tablesInOrder(src.db);
      const targetTables = new Set(await tablesInOrder(dst.db));
      const missing = tables.filter((t) => !targetTables.has(t));
      if (missing.length > 0) {
        throw new AppError(
          'CONFLICT',
          { ja: `コピー先に表（${missing.join('、')}）がありません。アプリのバージョンを揃えてください。何も変更していません。`, en: `The target lacks tables (${missing.join(', ')}). Use the same app version on both. Nothing was changed.` },
          { missing },
        );
      }
      const seeded = await seededCounts(tables);
      const before = await counts(dst.db, tables);
      const busy = tables.filter((t) => before[t]! > (seeded[t] ?? 0));
      if (busy.length > 0) {
        throw new AppError(
          'CONFLICT',
          {
            ja: `コピー先「${dst.path}」は空ではありません（${busy.map((t) => `${t}: ${before[t]}件`).join('、')}）。空のデータベースを指定してください。何も変更していません。`,
            en: `The target "${dst.path}" is not empty (${busy.map((t) => `${t}: ${before[t]} rows`).join(', ')}). Give an empty database. Nothing was changed.`,
          },
          { busy },
        );
      }
      const wanted = await counts(src.db, tables);
      await dst.db.transaction().execute(async (trx) => {
        // Rows a migration seeded are replaced by the source's own, which may have been edited.
        for (const t of [...tables].reverse()) if ((seeded[t] ?? 0) > 0) await sql`delete from ${sql.table(t)}`.execute(trx);
        for (const t of tables) {
          const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(src.db);
          for (let i = 0; i < rows.rows.length; i += BATCH) {
            await trx.insertInto(t as never).values(rows.rows.slice(i, i + BATCH) as never).execute();
          }
        }
        const after = await counts(trx, tables);
        const wrong = tables.filter((t) => after[t] !== wanted[t]);
        if (wrong.length > 0) {
          throw new AppError(
            'INTERNAL',
            {
              ja: `コピー後の件数が一致しません（${wrong.map((t) => `${t}: ${wanted[t]} → ${after[t]}`).join('、')}）。コピーは取り消しました。`,
              en: `Row counts differ after the copy (${wrong.map((t) => `${t}: ${wanted[t]} → ${after[t]}`).join(', ')}). The copy was rolled back.`,
            },
            { wrong },
          );
        }
      });
      const list = tables.map((t) => ({ table: t, rows: wanted[t]! }));
      return { from: source.shown, to: dst.path, tables: list, rows: list.reduce((a, b) => a + b.rows, 0) };
    } finally {
      await dst.close();
    }
  } finally {
    await source.close();
  }
}
