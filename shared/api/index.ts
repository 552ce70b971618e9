// The one API contract. Every call the app knows is listed here once; the Electron IPC door, the
// web-mode HTTP door and the CLI all serve exactly this table and reject any other name.
import type { z } from 'zod';
import { appCalls } from './app.ts';
import { applicationsCalls } from './applications.ts';
import { auditCalls } from './audit.ts';
import { backupCalls } from './backup.ts';
import type { CallDef } from './define.ts';
import { institutionAliasCalls } from './institution-aliases.ts';
import { programsCalls } from './programs.ts';
import { referenceCalls } from './reference.ts';
import { resultsCalls } from './results.ts';
import { reviewCalls } from './review.ts';
import { storeCalls } from './store.ts';

// One domain a line: branches add a line each, so merges do not collide.
const domains = [
  appCalls,
  applicationsCalls,
  referenceCalls,
  reviewCalls,
  programsCalls,
  resultsCalls,
  backupCalls,
  auditCalls,
  institutionAliasCalls,
  storeCalls,
] as const;

export const api = {
  ...appCalls,
  ...applicationsCalls,
  ...referenceCalls,
  ...reviewCalls,
  ...programsCalls,
  ...resultsCalls,
  ...backupCalls,
  ...auditCalls,
  ...institutionAliasCalls,
  ...storeCalls,
};

export type Api = typeof api;
export type CallName = keyof Api;
/** What a caller passes (before defaults are applied). */
export type CallInput<N extends CallName> = z.input<Api[N]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<N extends CallName> = z.output<Api[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Api[N]['output']>;

export const callNames = Object.keys(api) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}

/** A name declared in two domains would silently shadow the first: refuse at load time instead. */
function assertUniqueNames(): void {
  const seen = new Set<string>();
  for (const d of domains as readonly Record<string, CallDef>[]) {
    for (const name of Object.keys(d)) {
      if (seen.has(name)) throw new Error(`API call declared twice: ${name}`);
      seen.add(name);
    }
  }
}
assertUniqueNames();

/** Events main pushes to the renderer (`on(event, cb)`). */
export interface ApiEvents {
  /** Progress of a long job (imports), `done` of `total` units. */
  'job/progress': { jobId: string; phase: string; done: number; total: number };
  /**
   * Data changed: a write call of this process succeeded (`call`), or, in team mode, another
   * officer (`by`, a PostgreSQL login) committed a write to `tables`. Screens refetch what they show.
   */
  'data/changed': { call?: string; tables?: string[]; by?: string };
}
export type EventName = keyof ApiEvents;
export const eventNames: EventName[] = ['job/progress', 'data/changed'];
