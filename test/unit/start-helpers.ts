// Helpers for the `npm start` tests: a stand-in Electron release (zip + SHASUMS256.txt) served
// from a local mirror, and a copy of the electron package for install.js to unpack into, so the
// project's own node_modules/electron is never touched (a later `npm test` must still pass).
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/** A zip of stored (uncompressed) files with Unix modes: all install.js needs to unpack. */
export function zip(files: { name: string; data: Buffer; mode: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix: the high half of the external attributes is the file mode
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(f.data.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | f.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, f.data);
    centrals.push(central, name);
    offset += local.length + name.length + f.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * The stand-in `electron`: with ELECTRON_RUN_AS_NODE it is the Node running the tests (as the real
 * one is a Node then); otherwise it records its arguments in $SAKURA_STANDIN_MARKER and exits.
 */
export function standInZip(version: string, node: string): Buffer {
  const script = [
    '#!/bin/sh',
    `if [ -n "$ELECTRON_RUN_AS_NODE" ]; then exec "${node}" "$@"; fi`,
    'printf "%s\\n" "stand-in electron" "$@" > "$SAKURA_STANDIN_MARKER"',
    'echo "stand-in electron launched"',
    '',
  ].join('\n');
  return zip([
    { name: 'electron', data: Buffer.from(script), mode: 0o755 },
    { name: 'version', data: Buffer.from(version), mode: 0o644 },
  ]);
}

/** Serves `files` (URL path → bytes) on 127.0.0.1; resolves to the server and its base URL. */
export async function serve(files: Map<string, Buffer>): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
}

export function mirrorFiles(version: string, platform: string, arch: string, node: string): Map<string, Buffer> {
  const name = `electron-v${version}-${platform}-${arch}.zip`;
  const body = standInZip(version, node);
  const sums = `${createHash('sha256').update(body).digest('hex')} *${name}\n`;
  return new Map([
    [`/v${version}/${name}`, body],
    [`/v${version}/SHASUMS256.txt`, Buffer.from(sums)],
  ]);
}

/**
 * A copy of node_modules/electron (without any downloaded binary) under dir/node_modules, with
 * its dependencies linked from the project so install.js runs as it would in place.
 */
export function copyElectronPackage(root: string, dir: string): string {
  const nm = join(dir, 'node_modules');
  const target = join(nm, 'electron');
  mkdirSync(nm, { recursive: true });
  cpSync(join(root, 'node_modules', 'electron'), target, { recursive: true, filter: (src) => !/[\\/]electron[\\/](dist|path\.txt)/.test(src) });
  rmSync(join(target, 'dist'), { recursive: true, force: true });
  rmSync(join(target, 'path.txt'), { force: true });
  for (const dep of ['@electron', '@electron-internal']) symlinkSync(join(root, 'node_modules', dep), join(nm, dep), 'dir');
  return target;
}
