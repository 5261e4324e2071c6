/**
 * Child processes of the benchmarks: the real server, the bare reference and the load generator each
 * run in a process of their own (in their own process group), stopped with SIGINT (SIGKILL after
 * 10 s), and measured from /proc. The server runs as `npm start` runs it (the built JavaScript under
 * plain node, with the start script's node flags); the others through tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { buildServer, serverEntry, serverIsStale } from '../scripts/ensure-server.mjs';

export function tsx(args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/** The node flags of `npm start` (package.json), so that the bench measures the process users run. */
function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const flags = /node ((?:--\S+ )*)dist\/server\/hrsp\.js serve/.exec(pkg.scripts.start);
  if (!flags) throw new Error(`package.json start script does not run dist/server/hrsp.js serve: ${pkg.scripts.start}`);
  return flags[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

/** `hrsp serve` as `npm start` runs it: built first when its sources changed, then plain node. */
export async function hrspServe(env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Promise<ChildProcess> {
  if (serverIsStale()) await buildServer();
  return spawn(process.execPath, [...startFlags(), ...nodeFlags, serverEntry, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

export function stop(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGINT');
  const late = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 10_000);
  return exited.finally(() => clearTimeout(late));
}

export function untilLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(line)) resolve();
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited (${String(code)}) before "${line}":\n${out}`)));
  });
}

/** Resident set of a process now and at its peak (kB → MB), from /proc. */
export function rssOf(pid: number): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}


/** CPU time (user + system) a process has used so far, in milliseconds, from /proc; 0 once it is gone. */
export function cpuMillisOf(pid: number): number {
  try {
    // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
const CLOCK_TICKS = 100;

/** CPU milliseconds used so far by every PostgreSQL process on the machine (the server and its backends). */
export function postgresCpuMillis(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuMillisOf(Number(entry));
    } catch {
      // gone between the listing and the read
    }
  }
  return total;
}

/**
 * Collects the JSON lines a load process prints (one per run) until it exits; throws unless it
 * printed `expected` of them and exited 0. `onResult` runs as each line arrives (the end of a run).
 */
export async function loadResults<T>(load: ChildProcess, expected: number, onResult?: (result: T, index: number) => void): Promise<T[]> {
  const results: T[] = [];
  let pending = '';
  load.stdout?.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const result = JSON.parse(line) as T;
      results.push(result);
      onResult?.(result, results.length - 1);
    }
  });
  let loadErr = '';
  load.stderr?.on('data', (d: Buffer) => (loadErr += d.toString()));
  const code = await new Promise<number | null>((resolve) => load.once('exit', resolve));
  if (code !== 0 || results.length !== expected) throw new Error(`load process exited ${String(code)} after ${results.length}/${expected} runs:\n${loadErr}`);
  return results;
}
