// Why a team server (PostgreSQL) did not let us in, one sentence each, saying what to do. A server
// that cannot be reached is not a damaged database: telling staff to restore a backup then would
// send them the wrong way (db/open-errors.ts says the same for files).
import { AppError, type ErrorCode } from '../shared/errors.ts';

export type PgConnectFailure = 'unreachable' | 'auth' | 'no-database';

const CODES: Record<PgConnectFailure, ErrorCode> = { unreachable: 'DB_UNREACHABLE', auth: 'DB_AUTH', 'no-database': 'DB_NO_DATABASE' };

/** Node's network errnos: nobody answered at that address (or not in time). */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EPIPE']);

/** Which failure a `pg` connection error is; null for one that is not about getting in. */
export function classifyPgConnectError(err: unknown): PgConnectFailure | null {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown[] } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  // 28P01 invalid_password, 28000 invalid_authorization_specification (no such role, pg_hba refuses).
  if (code === '28P01' || code === '28000') return 'auth';
  // pg's own words when the server asks for a password and none was given.
  if (/client password must be a string|password authentication failed|no password supplied/i.test(message)) return 'auth';
  if (code === '3D000') return 'no-database';
  if (NETWORK.has(code)) return 'unreachable';
  // Node reports several addresses tried (localhost → ::1 and 127.0.0.1) as one AggregateError.
  if (Array.isArray(e?.errors) && e.errors.some((x) => classifyPgConnectError(x) === 'unreachable')) return 'unreachable';
  if (/timeout|timed out|Connection terminated|does not support SSL|ECONNREFUSED|getaddrinfo/i.test(message)) return 'unreachable';
  return null;
}

function sentences(kind: PgConnectFailure, server: string, detail: string): { ja: string; en: string } {
  switch (kind) {
    case 'unreachable':
      return {
        ja: `チームサーバー「${server}」に接続できません（${detail}）。ネットワーク（VPN）につながっているか、接続文字列のホスト名とポートが正しいか、サーバーが動いているかを確かめてください。データには手を加えていません。`,
        en: `Cannot reach the team server "${server}" (${detail}). Check that you are on the network (VPN), that the host name and port in the connection string are right, and that the server is running. Nothing was changed.`,
      };
    case 'auth':
      return {
        ja: `チームサーバー「${server}」がログインを拒否しました（${detail}）。ユーザー名とパスワードを確かめてください。アカウントがない場合は管理者に sakura_officer（または sakura_viewer）のログインを依頼してください。`,
        en: `The team server "${server}" refused the login (${detail}). Check the user name and password. If you have no account, ask the administrator for a sakura_officer (or sakura_viewer) login.`,
      };
    case 'no-database':
      return {
        ja: `チームサーバー「${server}」に、接続文字列で指定したデータベースがありません（${detail}）。データベース名（URL の最後の /名前）を確かめるか、管理者に作成と「npm run team:setup」の実行を依頼してください。`,
        en: `The team server "${server}" has no database of the name in the connection string (${detail}). Check the database name (the last /name of the URL), or ask the administrator to create it and run "npm run team:setup".`,
      };
  }
}

/** The AppError for a connection that failed; `server` is host:port/db, never the password. */
export function pgConnectFailure(server: string, err: unknown): AppError {
  const kind = classifyPgConnectError(err) ?? 'unreachable';
  const e = err as { code?: unknown; message?: unknown } | null;
  const detail = typeof e?.message === 'string' && e.message ? e.message : String(typeof e?.code === 'string' ? e.code : err);
  return new AppError(CODES[kind], sentences(kind, server, detail), { path: server, failure: kind, pg: typeof e?.code === 'string' ? e.code : null });
}
