/**
 * How many imports read and check files at once. Reading a file is bounded (checkXlsx), but a
 * few bounded reads at once still add up, and one user gains nothing from two imports at
 * once: so one import per user, IMPORT_GATE.running across users, and a short queue behind
 * them; beyond it the user is asked to retry. In-process: each server process has its own.
 */
import { AppError } from '../errors.js';

export const IMPORT_GATE = {
  /** Imports reading, checking and writing at once. */
  running: 2,
  /** Imports waiting for a turn; each holds its upload (≤ 10 MB) meanwhile. */
  waiting: 4,
  /** Seconds a refused user is told to wait: a full 20,000-row import takes about 5 s. */
  retryAfterSeconds: 10,
} as const;

export type GateLimits = { readonly [K in keyof typeof IMPORT_GATE]: number };

export const importBusy = (): AppError => new AppError('IMPORT_IN_PROGRESS', 409, '您已有一个导入正在进行，请等它完成后再导入');
export const importQueueFull = (retryAfterSeconds: number): AppError =>
  new AppError('IMPORT_QUEUE_FULL', 429, `当前导入的人较多，请 ${retryAfterSeconds} 秒后重试`, [], undefined, {}, { 'retry-after': String(retryAfterSeconds) });

export class ImportGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private readonly users = new Set<string>();

  constructor(private readonly limits: GateLimits = IMPORT_GATE) {}

  /** Runs the work when its turn comes; refuses at once a user already importing, or a full queue. */
  async run<T>(userId: string, work: () => Promise<T>): Promise<T> {
    if (this.users.has(userId)) throw importBusy();
    const mustWait = this.running >= this.limits.running;
    if (mustWait && this.queue.length >= this.limits.waiting) throw importQueueFull(this.limits.retryAfterSeconds);
    this.users.add(userId);
    try {
      if (mustWait) await new Promise<void>((turn) => this.queue.push(turn));
      else this.running++;
      try {
        return await work();
      } finally {
        this.release();
      }
    } finally {
      this.users.delete(userId);
    }
  }

  /** The finished import's place goes to the first waiting one, or is freed. */
  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }
}
