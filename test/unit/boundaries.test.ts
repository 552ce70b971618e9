// The runtime boundaries are folders; these cases prove the lint configuration really rejects a
// crossing (a rule that silently matches nothing would pass `npm run lint` all the same).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('runtime boundaries (eslint.config.js)', () => {
  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['shared/x.ts', "import { openDatabase } from '../db/open.ts';\nexport const a = openDatabase;\n"],
    ['shared/x.ts', "import { handlers } from '../main/handlers/index.ts';\nexport const a = handlers;\n"],
    ['renderer/src/x.ts', "import { listApplications } from '../../db/applications.ts';\nexport const a = listApplications;\n"],
    ['renderer/src/x.ts', "import { dispatch } from '../../main/dispatch.ts';\nexport const a = dispatch;\n"],
    ['renderer/src/x.ts', "import { join } from 'node:path';\nexport const a = join;\n"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['renderer/src/pages/review/x.tsx', "import { Modal } from '../applications/Modal.tsx';\nexport const a = Modal;\n"],
    ['renderer/src/pages/review/x.tsx', "import { SettingsPage } from '../../pages/settings/SettingsPage.tsx';\nexport const a = SettingsPage;\n"],
    ['renderer/src/pages/review/x.tsx', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['db/x.ts', "import { handlers } from '../main/handlers/index.ts';\nexport const a = handlers;\n"],
    ['main/x.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;\n"],
  ])('%s may not: %s', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-imports');
  });

  it('shared/ may not use DOM or Node globals', async () => {
    expect(await ruleIds('shared/x.ts', 'export const a = () => document.title;\n')).toContain('no-restricted-globals');
    expect(await ruleIds('shared/x.ts', 'export const a = () => process.env;\n')).toContain('no-restricted-globals');
  });

  it('allows what each folder is for', async () => {
    expect(await ruleIds('main/x.ts', "import { openDatabase } from '../db/open.ts';\nexport const a = openDatabase;\n")).toEqual([]);
    expect(await ruleIds('main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(await ruleIds('renderer/src/x.ts', "import { api } from '../../shared/api/index.ts';\nexport const a = api;\n")).toEqual([]);
    expect(await ruleIds('renderer/src/pages/review/x.tsx', "import { Modal } from '../../ui/Modal.tsx';\nimport { Queue } from './QueueView.tsx';\nexport const a = [Modal, Queue];\n")).toEqual([]);
    expect(await ruleIds('renderer/src/pages/Home.tsx', "import { ErrorBox } from '../components/ErrorBox.tsx';\nexport const a = ErrorBox;\n")).toEqual([]);
    expect(await ruleIds('shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
  });
});
