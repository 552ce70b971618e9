// A query built and compiled once per shape, then run with each call's values.
//
// Kysely rebuilds a query's operation tree and compiles it to SQL on every call. For a queue page
// (a dozen correlated subqueries) that was about 0.1 ms of a 0.75 ms call on a 1-year file: a
// fifth of the call, more than its gap to the hand-written reference. The SQL text of such a
// query depends only on its shape (which filters are present, which queue), never on the values,
// which Kysely binds as parameters. So the query is built once per shape with a unique marker in
// place of each value; compiling it gives the SQL and the parameter list, in which each marker
// shows where its value goes. Later calls only fill the list in.
//
// Safe because:
// - A marker stands only where a value is bound (a WHERE operand, LIMIT, OFFSET), so its
//   position in the parameter list is exactly where the value is bound. A marker found in the SQL
//   text itself (a value inlined as a literal) fails loudly; a value a shape does not use is
//   simply not bound.
// - Only scalar values: an array would expand to a shape-dependent number of parameters.
// - The cache is per engine (the SQL differs between SQLite and PostgreSQL) and the key names the
//   shape; a transaction runs the same SQL on its own connection.
import { CompiledQuery, type Compilable } from 'kysely';
import { engineOf } from './engine.ts';
import type { DB } from './open.ts';

type Value = string | number;

const MARK = '\u0001sakura-param:';

interface Template {
  sql: string;
  query: CompiledQuery['query'];
  /** For each parameter: the name of a value, or a constant of the build. */
  params: ({ name: string } | { value: unknown })[];
}

export interface QueryShape<S, V extends Record<string, Value>, R> {
  /** Runs the query of this shape with these values. */
  execute(db: DB, shape: S, values: V): Promise<R[]>;
  /** How many shapes are compiled (tests). */
  readonly size: number;
}

/**
 * `key` names everything of the shape that changes the SQL; `build` must use the values only as
 * bound values (and the same names for every call of one shape).
 */
export function queryShape<S, V extends Record<string, Value>, R>(
  key: (shape: S) => string,
  build: (db: DB, shape: S, values: V) => Compilable<R>,
  max = 64,
): QueryShape<S, V, R> {
  // Bounded, least recently used first out (a Map keeps insertion order), as the statement cache.
  const templates = new Map<string, Template>();
  const compile = (db: DB, shape: S, values: V): Template => {
    const markers = Object.fromEntries(Object.keys(values).map((n) => [n, `${MARK}${n}`])) as unknown as V;
    const c = build(db, shape, markers).compile();
    const params = c.parameters.map((p) => (typeof p === 'string' && p.startsWith(MARK) ? { name: p.slice(MARK.length) } : { value: p }));
    // A value written into the SQL text (a literal) would stay there for every later call.
    if (c.sql.includes(MARK)) throw new Error('queryShape: a value was inlined into the SQL instead of bound');
    return { sql: c.sql, query: c.query, params };
  };
  return {
    get size() {
      return templates.size;
    },
    async execute(db, shape, values) {
      const k = `${engineOf(db)}\u0000${key(shape)}`;
      let t = templates.get(k);
      if (t) templates.delete(k);
      else t = compile(db, shape, values);
      templates.set(k, t);
      if (templates.size > max) templates.delete(templates.keys().next().value!);
      const parameters = t.params.map((p) => ('name' in p ? values[p.name] : p.value));
      const compiled: CompiledQuery<R> = { ...CompiledQuery.raw(t.sql, parameters), query: t.query } as CompiledQuery<R>;
      return (await db.executeQuery(compiled)).rows;
    },
  };
}
