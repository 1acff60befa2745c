/**
 * Job: the concurrency limiter — a counting semaphore the runner uses for execution slots, task
 * slots and store writes.
 */

/** A counting semaphore (first come, first served); a waiting acquire ends when its signal aborts. */
export class Slots {
  private free: number;
  private readonly queue = new Set<() => void>();

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.free > 0) this.free--;
    else {
      await new Promise<void>((resolve, reject) => {
        const grant = () => {
          signal?.removeEventListener('abort', cancel);
          resolve();
        };
        const cancel = () => {
          this.queue.delete(grant);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', cancel, { once: true });
        this.queue.add(grant);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.values().next();
      if (!next.done) {
        this.queue.delete(next.value);
        next.value();
      } else this.free++;
    };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
