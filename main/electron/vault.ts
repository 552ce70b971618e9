// Electron's safeStorage (Keychain on macOS, DPAPI on Windows, the desktop keyring on Linux) for a
// team server's password: only the encrypted bytes are written, to store-secrets.json beside
// store.json. Only the Electron shell loads this file (it is handed `safeStorage`, never imports it).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PasswordVault } from '../store/types.ts';

interface SafeStorageLike {
  encryptString(text: string): Buffer;
  decryptString(bytes: Buffer): string;
}

/** One key per login (host, port, database, user): a password never follows a URL to another server. */
function keyOf(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}#${decodeURIComponent(u.username)}`;
}

export function safeStorageVault(safe: SafeStorageLike, dataDir: string): PasswordVault {
  const file = join(dataDir, 'store-secrets.json');
  const read = (): Record<string, string> => {
    try {
      return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  return {
    kind: 'safeStorage',
    file: null,
    save(url, password) {
      const all = read();
      all[keyOf(url)] = safe.encryptString(password).toString('base64');
      mkdirSync(dataDir, { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, file);
    },
    load(url) {
      const v = read()[keyOf(url)];
      if (!v) return undefined;
      try {
        return safe.decryptString(Buffer.from(v, 'base64'));
      } catch {
        return undefined; // another user's or machine's keychain: ask again
      }
    },
  };
}
