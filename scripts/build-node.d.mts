// Types for scripts/build-node.mjs (the tests' global setup imports it).
export declare const LAZY: string[];
export declare const SOURCE_DIRS: string[];
export declare function newestSource(): number;
export declare function buildNode(outdir?: string): Promise<void>;
export declare function ensureNodeBundle(file: string, log?: (m: string) => void): Promise<boolean>;
