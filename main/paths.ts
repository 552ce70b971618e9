import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Sakura Desk';
export const DB_FILE_NAME = 'sakura-desk.sqlite';

/**
 * The folder Electron's app.getPath('userData') gives for productName "Sakura Desk", computed
 * without Electron so that web mode and the CLI open the very same database file.
 */
export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/** `--db PATH` wins, then SAKURA_DB, then the app's own file. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SAKURA_DB && env.SAKURA_DB.trim() ? env.SAKURA_DB : join(userDataDir(process.platform, env), DB_FILE_NAME);
}
