// Types for scripts/icons.mjs (test/unit/packaging.test.ts imports it).
export declare const LINUX_SIZES: number[];
export declare function renderPng(svg: Buffer | string, size: number): Buffer;
export declare function makeIcons(svg: Buffer | string): { png: Buffer; ico: Buffer; icns: Buffer; sizes: Map<number, Buffer> };
