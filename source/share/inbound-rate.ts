/**
 * A token bucket for one peer's inbound messages: `perSecond` on average, `burst` at once.
 * Counts what went over, so the host can tell a burst from a flood.
 */
export class InboundRate {
  private tokens: number;
  private updatedAt: number;
  /** Messages refused for going over the rate. */
  over = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /** True when a message arriving at `now` is within the rate (and takes its token). */
  take(now: number): boolean {
    const refill = ((now - this.updatedAt) / 1000) * this.perSecond;
    this.tokens = Math.min(this.burst, this.tokens + refill);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.over += 1;
    return false;
  }
}
