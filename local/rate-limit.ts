/**
 * Per-client fixed-window rate limit, in process: the local stand-in for the WAF rate-based rule
 * on /api/intake. `limit` 0 turns it off.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Returns 0 when allowed, else the seconds until the client may try again. */
  take(client: string): number {
    if (this.limit <= 0) return 0;
    const t = this.now();
    let w = this.windows.get(client);
    if (!w || t - w.start >= this.windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(client, w);
      if (this.windows.size > 10_000) this.prune(t);
    }
    w.count++;
    return w.count <= this.limit ? 0 : Math.ceil((w.start + this.windowMs - t) / 1000);
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
  }
}
