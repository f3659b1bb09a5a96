// Types of scripts/cli-bundle.mjs (plain JS: bin/ledger.mjs loads it before any TypeScript loader).
export declare const defaultRoot: string;
export declare function cacheBase(root?: string): string;
export declare function fingerprint(root?: string): string;
export declare function entryIsComplete(dir: string): boolean;
export declare function ensureCliBundle(options?: { root?: string; base?: string }): Promise<string | null>;
export declare function runCliBundle(dir: string, args?: string[]): void;
