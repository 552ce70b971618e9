// The work the crash harness does: imports of a fixed-size batch and title edits, each one
// transaction through the handler table, each acknowledged only after its call returned.
import { applicationsCsv } from '../../test/unit/fixtures/apps-csv.ts';

export const BATCH = 5;

export type Invoke = (name: string, input: unknown) => Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;

export type Ack = { kind: 'import'; batch: string } | { kind: 'edit'; applicationNo: string; seq: number };

export function batchNumbers(batch: string): string[] {
  return Array.from({ length: BATCH }, (_, i) => `${batch}-${i}`);
}

export async function importBatch(invoke: Invoke, batch: string): Promise<Ack> {
  const file = applicationsCsv(batchNumbers(batch));
  const r = await invoke('applications/import', { ...file, fileName: `${batch}.csv` });
  if (!r.ok) throw new Error(`import ${batch} failed: ${r.error?.code} ${r.error?.message}`);
  return { kind: 'import', batch };
}

export async function editTitle(invoke: Invoke, id: string, applicationNo: string, seq: number): Promise<Ack> {
  const data = {
    fiscalYear: 2026,
    applicationNo,
    call: 1,
    course: 'A',
    title: `edit ${seq}`,
    hostInstitution: '東北大学',
    applicant: '申請者',
    sendingInstitutions: [{ name: 'Vietnam National University', country: 'VN' }],
    countries: ['VN'],
    field: 'science',
    mode: 'in-person',
    invitees: 10,
    escorts: 1,
    arrival: '2026-07-01',
    departure: '2026-07-07',
    requestedAmount: 1_000_000,
  };
  const r = await invoke('applications/save', { id, data });
  if (!r.ok) throw new Error(`edit ${applicationNo} failed: ${r.error?.code} ${r.error?.message}`);
  return { kind: 'edit', applicationNo, seq };
}

/** Runs forever: import, edit, edit, …; calls `ack` after each commit. */
export async function work(
  invoke: Invoke,
  run: number,
  known: () => Promise<{ id: string; no: string }[]>,
  ack: (a: Ack) => void,
  extra?: (k: number) => Promise<void>,
): Promise<never> {
  for (let k = 0; ; k++) {
    if (k % 3 === 0) ack(await importBatch(invoke, `R${run}-B${k}`));
    else {
      const apps = await known();
      const pick = apps[Math.floor(Math.random() * apps.length)];
      if (pick) ack(await editTitle(invoke, pick.id, pick.no, run * 1_000_000 + k));
    }
    await extra?.(k);
  }
}
