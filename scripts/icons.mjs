// `npm run icons`: the app icons from one SVG (build/icon.svg, the sakura mark), into build/ where
// electron-builder looks for them (directories.buildResources):
//   build/icon.png   1024×1024 (Linux, and electron-builder's fallback)
//   build/icons/NxN.png  16…512 (Linux desktop entries)
//   build/icon.ico   Windows (16…256 inside)
//   build/icon.icns  macOS (16…1024 inside)
// The generated files are committed; test/unit/icons.test.ts checks they match the SVG.
// resvg renders the SVG (no browser needed); png2icons writes the ICO and ICNS containers.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import { root } from './node.mjs';

export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

export function makeIcons(svg) {
  const big = renderPng(svg, 1024);
  const ico = png2icons.createICO(big, png2icons.BICUBIC2, 0, false, true);
  const icns = png2icons.createICNS(big, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error('png2icons could not convert the 1024 px PNG');
  const sizes = new Map(LINUX_SIZES.map((s) => [s, renderPng(svg, s)]));
  return { png: big, ico, icns, sizes };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop())) {
  const dir = join(root, 'build');
  const icons = makeIcons(readFileSync(join(dir, 'icon.svg')));
  writeFileSync(join(dir, 'icon.png'), icons.png);
  writeFileSync(join(dir, 'icon.ico'), icons.ico);
  writeFileSync(join(dir, 'icon.icns'), icons.icns);
  mkdirSync(join(dir, 'icons'), { recursive: true });
  for (const [s, png] of icons.sizes) writeFileSync(join(dir, 'icons', `${s}x${s}.png`), png);
  console.log(`build/icon.png, icon.ico, icon.icns and icons/{${LINUX_SIZES.join(',')}}.png from build/icon.svg`);
}
