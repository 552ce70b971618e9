import { z } from 'zod';
import { query } from './define.ts';

export const appCalls = {
  'app/info': query(
    z.object({}),
    z.object({
      appVersion: z.string(),
      dbPath: z.string(),
      /** sqlite: a file on this computer; postgres: the team server (team mode). */
      engine: z.enum(['sqlite', 'postgres']),
      server: z.string().nullable(),
      schemaVersion: z.number().int(),
      door: z.enum(['electron', 'web', 'cli', 'test']),
      user: z.string(),
    }),
  ),
};
