// Web mode for the harness: the real HTTP door on 127.0.0.1 with a known token, killed -9 by the
// harness while its API writes are in flight.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuntime } from '../../main/runtime.ts';
import { startWebServer } from '../../main/web/server.ts';

const [dbPath, token] = process.argv.slice(2);
const rendererDir = mkdtempSync(join(tmpdir(), 'sakura-stress-web-'));
writeFileSync(join(rendererDir, 'index.html'), '<html><head></head><body></body></html>');
const rt = await startRuntime({ dbPath: dbPath!, door: 'web', user: 'stress-web', autoBackups: false });
const web = await startWebServer(rt, { port: 0, rendererDir, token: token! });
process.stdout.write(`ready ${web.port}\n`);
