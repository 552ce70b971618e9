// Every file Sakura Desk writes for staff (exports, templates, review sheets, PDFs) goes through
// writeFileAtomic: the bytes go to a hidden temporary file in the target folder, are flushed, and
// only then renamed over the chosen name. A full disk, a crash or a killed process therefore leaves
// either the old file or the complete new one under that name, never half of one; and the same
// folder keeps the rename atomic (a rename across file systems would be a copy).
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError, type Messages } from '../../shared/errors.ts';

/** Bytes, or chunks produced while writing (a streaming exporter); a throwing source aborts cleanly. */
export type FileBytes = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * A file-system failure as a sentence staff can act on, in both languages, naming the file. The
 * errno code never reaches them: "ENOSPC" says nothing to someone saving a roster.
 */
export function fileErrorMessages(err: unknown, path: string): Messages {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return {
        ja: `ディスクの空き容量が足りないため「${path}」を保存できませんでした。空き容量を増やすか、別の場所を選んでください。`,
        en: `"${path}" could not be saved because the disk is full. Free some space or choose another location.`,
      };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return {
        ja: `「${path}」に書き込む権限がありません。別のフォルダーを選ぶか、ファイルが他のアプリ（Excel など）で開かれていないか確認してください。`,
        en: `There is no permission to write "${path}". Choose another folder, or check that the file is not open in another application (such as Excel).`,
      };
    case 'ENOENT':
    case 'ENOTDIR':
      return {
        ja: `保存先のフォルダーが見つからないため「${path}」を保存できませんでした。フォルダーがあるか確認してください。`,
        en: `"${path}" could not be saved because its folder does not exist. Check the folder.`,
      };
    case 'EISDIR':
      return {
        ja: `「${path}」はフォルダーです。ファイル名を指定してください。`,
        en: `"${path}" is a folder. Give a file name.`,
      };
    case 'EBUSY':
      return {
        ja: `「${path}」は他のアプリで使用中のため保存できませんでした。閉じてからやり直してください。`,
        en: `"${path}" is in use by another application. Close it and try again.`,
      };
    default:
      return {
        ja: `「${path}」を保存できませんでした。保存先を確認してやり直してください。`,
        en: `"${path}" could not be saved. Check the location and try again.`,
      };
  }
}

export function fileError(err: unknown, path: string): AppError {
  if (err instanceof AppError) return err;
  return new AppError('FILE_ERROR', fileErrorMessages(err, path), { path });
}

async function writeAll(fh: FileHandle, data: FileBytes): Promise<void> {
  if (data instanceof Uint8Array) {
    await fh.writeFile(data);
    return;
  }
  for await (const chunk of data as AsyncIterable<Uint8Array>) await fh.write(chunk);
}

/** Writes `data` to `target` all at once or not at all; failures become FILE_ERROR AppErrors. */
export async function writeFileAtomic(target: string, data: FileBytes): Promise<void> {
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
  let fh: FileHandle | undefined;
  try {
    fh = await open(tmp, 'wx', 0o644);
    await writeAll(fh, data);
    // Flushed before the rename: otherwise a power cut can leave the new name on empty blocks.
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, target);
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw fileError(err, target);
  }
}
