// The crash harness: starts a child that imports and edits in transactions, SIGKILLs it at a random
// moment, and after each kill checks that (1) integrity_check is ok, (2) every commit the child had
// acknowledged is present, (3) no import is half-present (each batch is all there or absent, with
// exactly one audit event when there). Then the same against the web-mode server, killed -9 while
// its API writes are in flight.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { BATCH, work, type Ack, type Invoke } from './ops.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

export interface StressOptions {
  kills: number;
  webKills: number;
  /** Longest time a child runs after it is ready, before the kill (ms). */
  maxLifeMs?: number;
  dir?: string;
  log?: (line: string) => void;
}

export interface StressReport {
  dbPath: string;
  kills: number;
  killsVerified: number;
  webKills: number;
  webKillsVerified: number;
  ackedImports: number;
  ackedEdits: number;
  ackedBackups: number;
  applications: number;
  failures: string[];
}

/** `node --import tsx`: one process, so the SIGKILL hits the process that holds the database. */
function spawnTs(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(here, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
}

function lines(child: ChildProcess, onLine: (l: string) => void): void {
  let buf = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The three checks, on the file as the killed process left it (WAL recovery included). */
export function verify(dbPath: string, acks: Ack[], copyPath?: string): string[] {
  const problems: string[] = [];
  const raw = new BetterSqlite3(dbPath);
  try {
    const integrity = raw.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const batches = new Map<string, number>();
    for (const r of raw.prepare("select application_no no from application where application_no like 'R%-B%-%'").all() as { no: string }[]) {
      const b = r.no.slice(0, r.no.lastIndexOf('-'));
      batches.set(b, (batches.get(b) ?? 0) + 1);
    }
    const events = new Map<string, number>();
    for (const r of raw.prepare("select summary_json s from audit_event where action = 'applications/import'").all() as { s: string }[]) {
      const f = String((JSON.parse(r.s) as { fileName?: string }).fileName ?? '').replace(/\.csv$/, '');
      events.set(f, (events.get(f) ?? 0) + 1);
    }
    for (const [b, n] of batches) {
      if (n !== BATCH) problems.push(`import ${b} is half-present: ${n} of ${BATCH} rows`);
      if (events.get(b) !== 1) problems.push(`import ${b} has ${events.get(b) ?? 0} audit events`);
    }
    for (const [b] of events) if (!batches.has(b)) problems.push(`audit event for import ${b} without its rows`);
    const title = raw.prepare('select title from application where application_no = ?');
    const lastEdit = new Map<string, number>();
    for (const a of acks) {
      if (a.kind === 'import' && batches.get(a.batch) !== BATCH) problems.push(`acknowledged import ${a.batch} is missing`);
      if (a.kind === 'edit') lastEdit.set(a.applicationNo, Math.max(lastEdit.get(a.applicationNo) ?? 0, a.seq));
    }
    for (const [no, seq] of lastEdit) {
      const t = (title.get(no) as { title: string } | undefined)?.title ?? '';
      const m = /^edit (\d+)$/.exec(t);
      if (!m || Number(m[1]) < seq) problems.push(`acknowledged edit ${seq} of ${no} is missing (found "${t}")`);
    }
  } finally {
    raw.close();
  }
  if (copyPath && existsSync(copyPath)) {
    const c = new BetterSqlite3(copyPath, { readonly: true });
    try {
      const q = c.pragma('quick_check', { simple: true });
      if (q !== 'ok') problems.push(`backup copy fails quick_check: ${String(q)}`);
    } finally {
      c.close();
    }
  }
  return problems;
}

export async function runStress(o: StressOptions): Promise<StressReport> {
  const log = o.log ?? (() => undefined);
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'sakura-stress-'));
  const dbPath = join(dir, 'stress.sqlite');
  const copyPath = join(dir, 'stress-copy.sqlite');
  const maxLife = o.maxLifeMs ?? 1500;
  const acks: Ack[] = [];
  const report: StressReport = { dbPath, kills: 0, killsVerified: 0, webKills: 0, webKillsVerified: 0, ackedImports: 0, ackedEdits: 0, ackedBackups: 0, applications: 0, failures: [] };

  for (let run = 1; run <= o.kills; run++) {
    const child = spawnTs('child.ts', [dbPath, String(run)]);
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const ready = new Promise<void>((res, rej) => {
      lines(child, (l) => {
        if (l === 'ready') res();
        else if (l.startsWith('ack ')) acks.push(JSON.parse(l.slice(4)) as Ack);
        else if (l === 'ack-backup') report.ackedBackups++;
      });
      child.once('exit', () => rej(new Error(`child ${run} exited before it was ready: ${stderr.slice(-500)}`)));
    });
    try {
      await ready;
    } catch (e) {
      report.failures.push(String(e));
      break;
    }
    await sleep(20 + Math.random() * maxLife);
    if (child.exitCode !== null) report.failures.push(`child ${run} stopped by itself: ${stderr.slice(-500)}`);
    child.kill('SIGKILL');
    await exited(child);
    report.kills++;
    const problems = verify(dbPath, acks, copyPath);
    if (problems.length === 0) report.killsVerified++;
    else report.failures.push(...problems.map((p) => `kill ${run}: ${p}`));
    log(`kill ${run}/${o.kills}: ${problems.length === 0 ? 'ok' : problems.join('; ')} (acknowledged so far: ${acks.length})`);
  }

  for (let run = 1; run <= o.webKills; run++) {
    const token = randomBytes(16).toString('hex');
    const child = spawnTs('web-child.ts', [dbPath, token]);
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const port = await new Promise<number | null>((res) => {
      lines(child, (l) => {
        if (l.startsWith('ready ')) res(Number(l.slice(6)));
      });
      child.once('exit', () => res(null));
    });
    if (port === null) {
      report.failures.push(`web child ${run} did not start: ${stderr.slice(-500)}`);
      break;
    }
    const invoke: Invoke = async (name, input) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sakura-token': token },
        body: JSON.stringify(input),
      });
      return (await res.json()) as never;
    };
    // The applications to edit, listed once per server life (the list grows with every import).
    let cached: Promise<{ id: string; no: string }[]> | null = null;
    const known = () =>
      (cached ??= invoke('applications/list', { q: 'R' }).then((r) =>
        ((r.value?.items ?? []) as { id: string; applicationNo: string }[]).slice(0, 60).map((a) => ({ id: a.id, no: a.applicationNo })),
      ));
    // Several clients at once, as several browser tabs would: the kill lands mid-request.
    const runNo = 10_000 + run;
    // Each client edits its own third of the applications, so "the last acknowledged edit" of one
    // application has a single writer and a clear order.
    const mine = (c: number) => async () => (await known()).filter((a) => [...a.no].reduce((s, ch) => s + ch.charCodeAt(0), 0) % 3 === c);
    const clients = [0, 1, 2].map((c) => work(invoke, runNo * 10 + c, mine(c), (a) => acks.push(a)).catch(() => undefined));
    // Kill only once writes are flowing, at a random moment after the first acknowledgement.
    const before = acks.length;
    for (let waited = 0; acks.length === before && waited < 20_000; waited += 50) await sleep(50);
    await sleep(Math.random() * maxLife);
    child.kill('SIGKILL');
    await exited(child);
    await Promise.all(clients);
    report.webKills++;
    const problems = verify(dbPath, acks, copyPath);
    if (problems.length === 0) report.webKillsVerified++;
    else report.failures.push(...problems.map((p) => `web kill ${run}: ${p}`));
    log(`web kill ${run}/${o.webKills}: ${problems.length === 0 ? 'ok' : problems.join('; ')} (acknowledged so far: ${acks.length})`);
  }

  report.ackedImports = acks.filter((a) => a.kind === 'import').length;
  report.ackedEdits = acks.filter((a) => a.kind === 'edit').length;
  const raw = new BetterSqlite3(dbPath, { readonly: true });
  report.applications = (raw.prepare('select count(*) n from application').get() as { n: number }).n;
  raw.close();
  return report;
}
