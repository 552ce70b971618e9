import { z } from 'zod';
import { query } from './define.ts';

export const appCalls = {
  'app/info': query(
    z.object({}),
    z.object({
      appVersion: z.string(),
      dbPath: z.string(),
      schemaVersion: z.number().int(),
      door: z.enum(['electron', 'web', 'cli', 'test']),
      user: z.string(),
    }),
  ),
};
