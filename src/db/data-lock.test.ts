import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataLock, DataDirLockedError } from './data-lock.js';

describe('one process per data directory', () => {
  it('refuses a second owner while the first lives, with a Chinese message naming the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrsp-lock-'));
    // A live process that is not us holds the lock.
    const other = spawn('sleep', ['30']);
    fs.writeFileSync(path.join(dir, 'hrsp.lock'), String(other.pid));
    try {
      expect(() => acquireDataLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataLock(dir)).toThrow(new RegExp(`${dir}.*另一个 HRSP 进程`));
    } finally {
      other.kill();
    }
    await new Promise((r) => other.on('exit', r));
    // Its owner gone, the stale lock is taken over and released again.
    const release = acquireDataLock(dir);
    expect(fs.readFileSync(path.join(dir, 'hrsp.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'hrsp.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true });
  });
});
