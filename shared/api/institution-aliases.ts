// Other names of an institution (Japanese, English, abbreviations, names of merged entries): every
// comparison of institutions (conflicts, duplicates, import, search) also goes through these.
import { z } from 'zod';
import { TextLine } from '../text.ts';
import { Id } from '../domain.ts';
import { command, query } from './define.ts';
import { page, pageInput } from './page.ts';

export const AliasKind = z.enum(['ja', 'en', 'abbr', 'merged']);
export const InstitutionAlias = z.object({ id: Id, institutionId: Id, name: z.string(), kind: AliasKind });

export const institutionAliasCalls = {
  /** A page of one institution's aliases by name, `total` from a COUNT. */
  'institutions/aliases': query(z.object({ institutionId: Id, ...pageInput }), page(InstitutionAlias)),
  'institutions/addAlias': command(
    z.object({ institutionId: Id, name: TextLine.min(1).max(200), kind: AliasKind.exclude(['merged']).default('abbr') }),
    z.array(InstitutionAlias),
  ),
  'institutions/removeAlias': command(z.object({ id: Id }), z.object({ removed: z.boolean() })),
};
