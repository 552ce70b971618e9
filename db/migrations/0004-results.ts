// Frozen: never edit once landed. Add a new numbered file instead.
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<any>): Promise<void> {
  // Filled in by the issue that owns this migration before it lands.
}
