// Team mode (PostgreSQL): what several officers at once add around the same handlers. A write that
// lost a race is retried whole; a viewer's write or a race that keeps losing becomes a sentence,
// never an internal error; other officers' commits arrive as `data/changed` events.
import type { ApiEvents } from '../shared/api/index.ts';
import { AppError } from '../shared/errors.ts';
import type { OpenPg } from '../db/open-postgres.ts';

/** serialization_failure, deadlock_detected, unique_violation: another writer got there first. */
const RETRY = new Set(['40001', '40P01', '23505']);
const ATTEMPTS = 4;

function pgCode(err: unknown): string | undefined {
  const c = (err as { code?: unknown } | null)?.code;
  return typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c) ? c : undefined;
}

export function readOnlyError(user: string): AppError {
  return new AppError(
    'FORBIDDEN',
    {
      ja: `「${user}」は閲覧のみの権限（sakura_viewer）のため、変更を保存できません。変更が必要な場合は管理者に sakura_officer 権限を依頼してください。何も変更していません。`,
      en: `"${user}" may only view (sakura_viewer), so the change was not saved. Ask the administrator for the sakura_officer role if you need to make changes. Nothing was changed.`,
    },
    { user },
  );
}

function busyError(): AppError {
  return new AppError('CONFLICT', {
    ja: '他の担当者が同時に同じデータを変更していたため、保存できませんでした。画面を再読み込みしてから、もう一度保存してください。',
    en: 'Another officer was changing the same data at the same moment, so this was not saved. Reload and save again.',
  });
}

/**
 * Runs one whole write (handler, audit event and their transaction) and runs it again when it lost
 * a race; permission and lasting races become sentences. It wraps the transaction from outside:
 * inside it a failed statement has already aborted the transaction, so only a new one can retry.
 */
export async function retryTeamWrite<T>(user: string, write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      const code = pgCode(err);
      if (code === '42501') throw readOnlyError(user);
      if (code && RETRY.has(code)) {
        if (attempt >= ATTEMPTS) throw busyError();
        // A little jitter, so the losers do not collide again in lockstep.
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw err;
    }
  }
}

/**
 * LISTENs for the trigger's notifications and passes them on, gathered for 100 ms so a bulk job's
 * thousand statements give the screens one refresh, not a thousand.
 */
export async function watchChanges(open: OpenPg, emit: (payload: ApiEvents['data/changed']) => void): Promise<void> {
  let tables = new Set<string>();
  let by = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  await open.listen((table, who) => {
    tables.add(table);
    by = who;
    timer ??= setTimeout(() => {
      const payload = { tables: [...tables].sort(), by };
      tables = new Set();
      timer = null;
      emit(payload);
    }, 100);
    timer.unref?.();
  });
}
