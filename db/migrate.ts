// Atomic migrations. Kysely's SqliteAdapter reports no transactional DDL, so its Migrator runs
// SQLite migrations outside any transaction: a failure half-way leaves half a schema. SQLite does
// roll back DDL, so this adapter says so, and the runner moves one migration at a time: each one,
// with its row in kysely_migration, commits or rolls back as a whole.
import type BetterSqlite3 from 'better-sqlite3';
import { Migrator, SqliteAdapter, SqliteDialect, type DialectAdapter, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { AppError } from '../shared/errors.ts';
import { withStatementCache } from './statement-cache.ts';

class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * SqliteDialect whose migrations run in transactions, and whose driver reuses prepared statements
 * (db/statement-cache.ts). Used for every connection of the app.
 */
export class AtomicSqliteDialect extends SqliteDialect {
  constructor(config: { database: BetterSqlite3.Database; statementCacheSize?: number }) {
    super({ database: withStatementCache(config.database, config.statementCacheSize) });
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalSqliteAdapter();
  }
}

export interface MigrationStep {
  name: string;
  status: 'done' | 'failed';
}

function migratorFor(db: Kysely<any>, migrations: Record<string, Migration>): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  return new Migrator({ db, provider });
}

export async function pendingMigrations(db: Kysely<any>, migrations: Record<string, Migration>): Promise<string[]> {
  const info = await migratorFor(db, migrations).getMigrations();
  return info.filter((m) => !m.executedAt).map((m) => m.name);
}

/**
 * Runs the pending migrations up to `to` (default: all), each in its own transaction. Stops at
 * the first failure, which leaves the database exactly as the previous migration left it.
 * `afterEach` runs after each commit (the SQLite opener sets user_version there).
 */
export async function runMigrations(
  db: Kysely<any>,
  migrations: Record<string, Migration>,
  opts: { to?: string; afterEach?: (name: string, index: number) => Promise<void> | void } = {},
): Promise<MigrationStep[]> {
  const migrator = migratorFor(db, migrations);
  const names = Object.keys(migrations).sort();
  const pending = await pendingMigrations(db, migrations);
  const steps: MigrationStep[] = [];
  for (const name of pending) {
    const { error, results } = await migrator.migrateTo(name);
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed) {
      steps.push({ name, status: 'failed' });
      throw new AppError(
        'INTERNAL',
        {
          ja: `データベースの更新（マイグレーション ${name}）に失敗しました。データベースは更新前の状態のまま残っています。アプリの開発元に連絡してください。`,
          en: `Updating the database (migration ${name}) failed. The database was left exactly as it was before the update. Please contact the app's developers.`,
        },
        { migration: name, cause: error instanceof Error ? error.message : String(error ?? ''), steps },
      );
    }
    steps.push({ name, status: 'done' });
    await opts.afterEach?.(name, names.indexOf(name) + 1);
    if (name === opts.to) break;
  }
  return steps;
}
