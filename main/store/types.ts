import type { CallInput, CallOutput } from '../../shared/api/index.ts';

export type StoreState = CallOutput<'store/get'>;
export type StoreTestResult = CallOutput<'store/test'>;
export type StoreSwitch = CallInput<'store/switch'>;

/** What the store/* handlers ask of the door that owns the runtime (main/store/switch.ts). */
export interface StoreControl {
  state(): StoreState;
  test(url: string, password: string | undefined): Promise<StoreTestResult>;
  switch(choice: StoreSwitch): Promise<StoreState>;
}

/**
 * Where a remembered team-server password lives. Never the settings file in plain text: Electron's
 * safeStorage (the OS keychain) in the desktop app, a pgpass file (0600) elsewhere.
 */
export interface PasswordVault {
  readonly kind: 'safeStorage' | 'pgpass';
  /** The pgpass file, for the settings screen to name (null for safeStorage). */
  readonly file: string | null;
  save(url: string, password: string): void;
  load(url: string): string | undefined;
}
