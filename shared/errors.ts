// Errors cross every door (IPC, HTTP, CLI) as plain values, never as thrown objects or stack
// traces: Electron keeps only the message of a thrown error (electron#24427), and staff must see a
// sentence they can act on, in their language.

export type Lang = 'ja' | 'en';

export type ErrorCode =
  | 'VALIDATION'
  | 'UNKNOWN_CALL'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'IMPORT_REJECTED'
  | 'DB_TOO_NEW'
  | 'DB_NOT_SQLITE'
  | 'DB_DAMAGED'
  // Start-up failures that are not damage: each has its own sentence (db/open-errors.ts).
  | 'DB_BUSY'
  | 'DB_READ_ONLY'
  | 'DB_DISK_FULL'
  | 'DB_IS_FOLDER'
  | 'DB_EMPTY'
  | 'DB_IO'
  // Team mode: the PostgreSQL server could not be reached, refused the login, or lacks the database.
  | 'DB_UNREACHABLE'
  | 'DB_AUTH'
  | 'DB_NO_DATABASE'
  | 'BACKUP_REFUSED'
  // Team mode: an action that belongs to the PostgreSQL server (its own pg_dump), not to the app.
  | 'TEAM_MODE'
  | 'FORBIDDEN'
  | 'FILE_ERROR'
  | 'INTERNAL';

export interface Messages {
  ja: string;
  en: string;
}

export interface ErrorValue {
  code: ErrorCode;
  /** In the caller's language. */
  message: string;
  details: { messages: Messages } & Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

/** Thrown inside handlers; turned into an ErrorValue at the door. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messages: Messages;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, messages: Messages, details: Record<string, unknown> = {}) {
    super(messages.en);
    this.name = 'AppError';
    this.code = code;
    this.messages = messages;
    this.details = details;
  }

  toValue(lang: Lang): ErrorValue {
    return { code: this.code, message: this.messages[lang], details: { ...this.details, messages: this.messages } };
  }
}

/** The renderer-side rethrow of an error value, so UI code can `catch (e)` with a typed error. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorValue['details'];
  constructor(value: ErrorValue) {
    super(value.message);
    this.name = 'ApiError';
    this.code = value.code;
    this.details = value.details;
  }
  localized(lang: Lang): string {
    return this.details.messages?.[lang] ?? this.message;
  }
}

export function toErrorValue(err: unknown, lang: Lang): ErrorValue {
  if (err instanceof AppError) return err.toValue(lang);
  // Anything else is a bug: keep the text for the log, never the stack, in front of staff.
  const messages: Messages = {
    ja: '内部エラーが発生しました。操作は記録されていません。もう一度お試しください。',
    en: 'An internal error occurred. Nothing was saved. Please try again.',
  };
  return { code: 'INTERNAL', message: messages[lang], details: { messages } };
}
