// Which database this app works on (settings › データの保存先): the laptop's file or a team
// server. The choice is kept in the app's settings file, not in a database, since it decides which
// database opens; `--db` and SAKURA_DB still win over it.
import { z } from 'zod';
import { TextLine } from '../text.ts';
import { command, query } from './define.ts';

const Kind = z.enum(['file', 'server']);

export const StoreState = z.object({
  /** What is open now: the file's path or the server URL with the password masked. */
  current: z.object({ kind: Kind, display: z.string(), server: z.string().nullable() }),
  /** What the settings file says (url never holds a password). */
  saved: z.object({ kind: Kind, url: z.string().nullable(), passwordSaved: z.boolean() }),
  /** --db or SAKURA_DB was given: it wins over the saved choice at every start. */
  override: z.enum(['flag', 'env']).nullable(),
  /** This laptop's own database file. */
  defaultFile: z.string(),
  /** Where a remembered password goes: Electron's safeStorage, or a pgpass file (README). */
  passwordStorage: z.enum(['safeStorage', 'pgpass']),
  passwordFile: z.string().nullable(),
});

/** postgres://user@host[:port]/db[?sslmode=require&schema=…]; a password in it is moved aside. */
const ServerUrl = TextLine.min(1).max(2000);
/** Typed into a password field: sent once, never echoed back, logged or written to the audit trail. */
const Password = TextLine.max(1000);

export const storeCalls = {
  'store/get': query(z.object({}), StoreState),
  /** Logs in and reads the server's version and schema, changing nothing on it. */
  'store/test': query(
    z.object({ url: ServerUrl, password: Password.optional() }),
    z.object({
      engine: z.literal('postgres'),
      server: z.string(),
      serverVersion: z.string(),
      user: z.string(),
      schema: z.string(),
      schemaVersion: z.number().int(),
      appSchemaVersion: z.number().int(),
      tooNew: z.boolean(),
    }),
  ),
  /**
   * Opens the chosen store (creating or updating its schema, as a start-up would), and only once it
   * is open saves the choice and closes the old one: a server that refuses leaves everything as it was.
   */
  'store/switch': command(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('file') }),
      z.object({ kind: z.literal('server'), url: ServerUrl, password: Password.optional(), remember: z.boolean().default(true) }),
    ]),
    StoreState,
  ),
};
