// Which sentence a team server's connection failure gets (db/pg-errors.ts), from what pg and Node
// report: never DB_DAMAGED, and never the password.
import { describe, expect, it } from 'vitest';
import { classifyPgConnectError, pgConnectFailure } from '../../db/pg-errors.ts';

const err = (code: string | undefined, message = '') => Object.assign(new Error(message), code ? { code } : {});

describe('team server connection failures', () => {
  it.each([
    [err('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'unreachable'],
    [err('ENOTFOUND', 'getaddrinfo ENOTFOUND sakura-db.example.jp'), 'unreachable'],
    [err('EAI_AGAIN', 'getaddrinfo EAI_AGAIN sakura-db.example.jp'), 'unreachable'],
    [err('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.5:5432'), 'unreachable'],
    [err(undefined, 'Connection terminated due to connection timeout'), 'unreachable'],
    [err(undefined, 'The server does not support SSL connections'), 'unreachable'],
    [Object.assign(new AggregateError([err('ECONNREFUSED'), err('ECONNREFUSED')]), { code: 'ECONNREFUSED' }), 'unreachable'],
    [new AggregateError([err('ECONNREFUSED')]), 'unreachable'],
    [err('28P01', 'password authentication failed for user "tanaka"'), 'auth'],
    [err('28000', 'role "nobody" does not exist'), 'auth'],
    [err(undefined, 'SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'), 'auth'],
    [err('3D000', 'database "sakrua" does not exist'), 'no-database'],
    [err('42P01', 'relation "x" does not exist'), null],
  ])('%s → %s', (e, kind) => {
    expect(classifyPgConnectError(e)).toBe(kind);
  });

  it('gives each its own code and both languages, naming the server and what to do', () => {
    const cases = [
      [err('ECONNREFUSED', 'connect ECONNREFUSED'), 'DB_UNREACHABLE', 'VPN'],
      [err('28P01', 'password authentication failed'), 'DB_AUTH', 'sakura_officer'],
      [err('3D000', 'database "x" does not exist'), 'DB_NO_DATABASE', 'team:setup'],
    ] as const;
    for (const [e, code, hint] of cases) {
      const a = pgConnectFailure('postgres://tanaka@db:5432/sakura', e);
      expect(a.code).toBe(code);
      expect(a.messages.ja).toContain('postgres://tanaka@db:5432/sakura');
      expect(a.messages.ja).toContain(hint);
      expect(a.messages.en).toContain(hint);
      expect(a.messages.en).not.toMatch(/damaged/i);
    }
  });
});
