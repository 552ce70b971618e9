// Types for scripts/browser.mjs, which playwright.config.ts imports.
export interface FoundBrowser {
  path: string;
  source: string;
}
export declare const DEBIAN_PACKAGES: string[];
export declare function onPath(name: string, env?: Record<string, string | undefined>, platform?: string, isExe?: (p: string) => boolean): string | null;
export declare function findBrowser(opts?: {
  env?: Record<string, string | undefined>;
  platform?: string;
  isExe?: (p: string) => boolean;
  playwright?: () => string | null;
}): FoundBrowser | { missing: string } | null;
export declare function plan(opts?: { platform?: string; debian?: boolean; root?: boolean }): { apt: string[] } | { message: string };
export declare function ensureBrowser(): FoundBrowser;
