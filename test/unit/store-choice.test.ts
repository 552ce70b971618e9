// The store choice kept in settings (main/store/): which store opens (--db, then SAKURA_DB, then the
// saved choice, then the laptop's file), and the pgpass file a team server's password goes to.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStoreChoice, resolveStore, splitPassword, writeStoreChoice } from '../../main/store/choice.ts';
import { defaultPgpassFile, lookupPgpass, pgpassKeyOf, pgpassVault, upsertPgpass } from '../../main/store/pgpass.ts';
import { maskPassword } from '../../db/store.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'sakura-choice-'));

describe('which store opens', () => {
  const url = 'postgres://officer@db.example.jp/sakura?sslmode=require';
  it.each([
    { flag: 'a.sqlite', env: { SAKURA_DB: 'b.sqlite' }, saved: true, target: 'a.sqlite', source: 'flag' },
    { flag: undefined, env: { SAKURA_DB: 'b.sqlite' }, saved: true, target: 'b.sqlite', source: 'env' },
    { flag: undefined, env: {}, saved: true, target: url, source: 'settings' },
    { flag: '  ', env: { SAKURA_DB: ' ' }, saved: false, target: null, source: 'default' },
  ])('flag $flag, env $env, saved $saved → $source', ({ flag, env, saved, target, source }) => {
    const d = dir();
    if (saved) writeStoreChoice(d, { kind: 'server', url });
    const r = resolveStore({ flag, env, dataDir: d });
    expect(r.source).toBe(source);
    expect(r.target).toBe(target ?? join(d, 'sakura-desk.sqlite'));
  });

  it('a damaged or foreign settings file means the laptop file, not a crash', () => {
    const d = dir();
    writeFileSync(join(d, 'store.json'), '{not json');
    expect(readStoreChoice(d)).toEqual({ kind: 'file' });
    writeFileSync(join(d, 'store.json'), JSON.stringify({ kind: 'server', url: 'file:///etc/passwd' }));
    expect(readStoreChoice(d)).toEqual({ kind: 'file' });
  });

  it('takes a password out of a URL, and masks it for showing', () => {
    expect(splitPassword('postgres://u:p%40ss@h:5433/db?sslmode=require')).toEqual({ url: 'postgres://u@h:5433/db?sslmode=require', password: 'p@ss' });
    expect(maskPassword('postgres://u:secret@h/db')).toBe('postgres://u:***@h/db');
    expect(maskPassword('postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(maskPassword('/home/staff/sakura-desk.sqlite')).toBe('/home/staff/sakura-desk.sqlite');
  });
});

describe('the pgpass file', () => {
  it('finds the line of a login, with wildcards and escapes, as libpq reads it', () => {
    const text = ['# comment', 'other:5432:*:x:nope', 'db.example.jp:5432:sakura:officer:pa\\:ss\\\\word', '*:*:*:*:fallback'].join('\n');
    expect(lookupPgpass(text, pgpassKeyOf('postgres://officer@db.example.jp/sakura'))).toBe('pa:ss\\word');
    expect(lookupPgpass(text, pgpassKeyOf('postgres://someone@else:6000/x'))).toBe('fallback');
    expect(lookupPgpass('', pgpassKeyOf('postgres://a@b/c'))).toBeUndefined();
  });

  it('replaces the login line and keeps the others; written 0600', () => {
    const key = pgpassKeyOf('postgres://officer@db.example.jp:5433/sakura');
    const once = upsertPgpass('keep:1:2:3:4\n', key, 'one');
    const twice = upsertPgpass(once, key, 'two:x');
    expect(twice).toBe('keep:1:2:3:4\ndb.example.jp:5433:sakura:officer:two\\:x\n');
    const file = join(dir(), 'pgpass');
    const v = pgpassVault(file);
    v.save('postgres://officer@db.example.jp/sakura', 'secret');
    expect(v.load('postgres://officer@db.example.jp/sakura')).toBe('secret');
    expect(readFileSync(file, 'utf8')).toBe('db.example.jp:5432:sakura:officer:secret\n');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('lives where libpq looks for it', () => {
    expect(defaultPgpassFile({ PGPASSFILE: '/x/pp' }, 'linux')).toBe('/x/pp');
    expect(defaultPgpassFile({}, 'linux').endsWith('.pgpass')).toBe(true);
    expect(defaultPgpassFile({ APPDATA: 'C:\\Users\\s\\AppData\\Roaming' }, 'win32')).toContain(join('postgresql', 'pgpass.conf'));
  });
});
