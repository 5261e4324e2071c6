/** The built server's entry (dist/server/hrsp.js). */
export const serverEntry: string;
/** Whether dist/server is missing or older than its sources. */
export function serverIsStale(): boolean;
/** Builds src/cli/hrsp.ts and what it imports into dist/server. */
export function buildServer(): Promise<void>;
