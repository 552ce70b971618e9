// One writer at a time per database file, waited for without blocking the event loop.
//
// better-sqlite3 waits for SQLite's write lock synchronously (busy_timeout): a save made on the
// app's connection while a worker thread's import holds the lock would freeze every door for up to
// five seconds and then fail. So every write of this process queues here first, and the worker's
// write phase holds the gate too (main/jobs/worker.ts asks for it by message): a write never meets
// a lock held inside this process, it waits its turn as a promise and then succeeds.
// Reads never queue: WAL lets them answer while a write is open.

export type Release = () => void;

/** Runs `fn` as this process's only writer: the gate's own `run`, or the function as is. */
export type WriteLock = <T>(fn: () => Promise<T>) => Promise<T>;

export const noLock: WriteLock = (fn) => fn();

export class WriteGate {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;
  private holding = false;

  /** Resolves once every earlier holder has released; call the release exactly once. */
  acquire(): Promise<Release> {
    this.waiting++;
    let release!: Release;
    const freed = new Promise<void>((resolve) => {
      let done = false;
      release = () => {
        if (done) return;
        done = true;
        this.holding = false;
        resolve();
      };
    });
    const before = this.tail;
    this.tail = before.then(() => freed);
    return before.then(() => {
      this.waiting--;
      this.holding = true;
      return release;
    });
  }

  readonly run: WriteLock = async (fn) => {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  };

  /** For tests and the benchmark: whether a writer holds the gate and how many wait behind it. */
  state(): { holding: boolean; waiting: number } {
    return { holding: this.holding, waiting: this.waiting };
  }
}
