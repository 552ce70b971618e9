import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDbPath, userDataDir } from '../../main/paths.ts';

describe('where the database lives', () => {
  it('matches Electron userData for productName "Sakura Desk" on each platform', () => {
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\sato\\AppData\\Roaming' })).toBe(join('C:\\Users\\sato\\AppData\\Roaming', 'Sakura Desk'));
    expect(userDataDir('darwin', {})).toMatch(/Library[\\/]Application Support[\\/]Sakura Desk$/);
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/home/sato/.config' })).toBe('/home/sato/.config/Sakura Desk');
  });

  it('SAKURA_DB overrides the default file', () => {
    expect(defaultDbPath({ SAKURA_DB: '/data/team.sqlite' })).toBe('/data/team.sqlite');
    expect(defaultDbPath({ XDG_CONFIG_HOME: '/x' })).toMatch(/Sakura Desk[\\/]sakura-desk\.sqlite$/);
  });
});
