// The two halves of optimistic concurrency in the contract (issue 14): what an edit form receives
// with a record, and what its save sends back.
import { z } from 'zod';

/**
 * The version the form started from: a save from an older one gets CONFLICT (`details.reload`).
 * 0: the form expected no record yet (a year's first call 1, a program's first result).
 * Optional for scripts and imports that read and write in one call; every form sends it.
 */
export const ExpectedVersion = z.number().int().min(0).max(2_000_000_000).optional();

/** Who saved a record last, when, and its version (0: never saved). */
export const VersionStamp = {
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
};
