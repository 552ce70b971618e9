// One sentence per way a database can fail to open, each saying what happened and what to do.
// "Damaged" appears only for a failed integrity check: telling staff to restore an old backup when
// the file is merely read-only or the disk is full would make them throw away good work.
import { AppError, type ErrorCode } from '../shared/errors.ts';

export type OpenFailure =
  | 'busy'
  | 'read-only-file'
  | 'read-only-folder'
  | 'disk-full'
  | 'is-folder'
  | 'empty'
  | 'not-sqlite'
  | 'damaged'
  | 'too-new'
  | 'io';

const CODES: Record<OpenFailure, ErrorCode> = {
  busy: 'DB_BUSY',
  'read-only-file': 'DB_READ_ONLY',
  'read-only-folder': 'DB_READ_ONLY',
  'disk-full': 'DB_DISK_FULL',
  'is-folder': 'DB_IS_FOLDER',
  empty: 'DB_EMPTY',
  'not-sqlite': 'DB_NOT_SQLITE',
  damaged: 'DB_DAMAGED',
  'too-new': 'DB_TOO_NEW',
  io: 'DB_IO',
};

function sentences(kind: OpenFailure, path: string): { ja: string; en: string } {
  switch (kind) {
    case 'busy':
      return {
        ja: `データベース「${path}」は別のプログラムが使用中です（ロックされています）。もう一つの Sakura Desk や、このファイルを開いている別のソフトを閉じてから、もう一度起動してください。ファイルは壊れていません。`,
        en: `The database "${path}" is in use by another program (it is locked). Close the other Sakura Desk window or any program that has this file open, then start again. The file is not damaged.`,
      };
    case 'read-only-file':
      return {
        ja: `データベース「${path}」は読み取り専用のため書き込めません。ファイルのプロパティで読み取り専用を外すか、書き込み権限のある場所に移してから起動してください。ファイルは壊れていません。`,
        en: `The database "${path}" is read-only, so nothing can be saved. Clear the read-only setting in the file's properties or move it somewhere you can write, then start again. The file is not damaged.`,
      };
    case 'read-only-folder':
      return {
        ja: `データベース「${path}」のあるフォルダーに書き込めません（読み取り専用か権限がありません）。書き込み権限のあるフォルダーに移すか、管理者に権限を依頼してから起動してください。ファイルは壊れていません。`,
        en: `The folder holding the database "${path}" cannot be written to (read-only or no permission). Move the database to a folder you can write to, or ask your administrator for permission, then start again. The file is not damaged.`,
      };
    case 'disk-full':
      return {
        ja: `データベース「${path}」のあるディスクに空き容量がありません。不要なファイルを削除して空き容量を作ってから、もう一度起動してください。ファイルは壊れていません。`,
        en: `The disk holding the database "${path}" is full. Free some space by deleting files you no longer need, then start again. The file is not damaged.`,
      };
    case 'is-folder':
      return {
        ja: `「${path}」はフォルダーで、データベースファイルではありません。--db や SAKURA_DB にはファイルのパス（例: …/sakura-desk.sqlite）を指定してください。`,
        en: `"${path}" is a folder, not a database file. Give --db or SAKURA_DB the path of a file (for example …/sakura-desk.sqlite).`,
      };
    case 'empty':
      return {
        ja: `データベース「${path}」は空（0 バイト）です。コピーや同期が途中で失敗した跡と考えられます。ファイルには手を加えていません。元のファイルをコピーし直すか、設定 › バックアップ からバックアップを復元してください。`,
        en: `The database "${path}" is empty (0 bytes), which is what a failed copy or sync leaves. The file was left untouched. Copy the original file again, or restore a backup (Settings › Backups).`,
      };
    case 'not-sqlite':
      return {
        ja: `「${path}」は Sakura Desk のデータベースではありません（SQLite ファイルではない）。ファイルには一切手を加えていません。正しいデータベースファイルを指定してください。`,
        en: `"${path}" is not a Sakura Desk database (not an SQLite file). The file was left untouched. Choose the right database file.`,
      };
    case 'damaged':
      return {
        ja: `データベース「${path}」が破損しています（整合性チェックに失敗）。ファイルには一切手を加えていません。最新の正常なバックアップから復元してください。`,
        en: `The database "${path}" is damaged (integrity check failed). The file was left untouched; restore the newest good backup.`,
      };
    case 'too-new':
      return {
        ja: `データベース「${path}」はこのアプリより新しいバージョンで作成されています。Sakura Desk を更新してから開いてください。ファイルには一切手を加えていません。`,
        en: `The database "${path}" was written by a newer version of Sakura Desk. Update the app to open it. The file was left untouched.`,
      };
    case 'io':
      return {
        ja: `データベース「${path}」の読み書き中にディスクのエラーが起きました。外付けやネットワーク上のドライブなら接続を確かめ、もう一度起動してください。`,
        en: `A disk error occurred while reading or writing the database "${path}". If it is on an external or network drive, check the connection, then start again.`,
      };
  }
}

export function openFailure(kind: OpenFailure, path: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(CODES[kind], sentences(kind, path), { path, failure: kind, ...extra });
}
