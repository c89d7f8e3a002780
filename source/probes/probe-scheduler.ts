import type {ProbeContext, ProbeDefinition, ProbeOutcome} from './probe-types';

/** Receives each probe's outcome as soon as it is known. */
export type OutcomeListener = (probeId: string, outcome: ProbeOutcome) => void;

/**
 * Runs each probe on its own interval. A probe never overlaps itself: a tick that finds the
 * previous run still going is dropped, not queued, so a slow database gets less load, not a
 * backlog. One probe failing never stops the others.
 */
export class ProbeScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private readonly skipped = new Map<string, number>();
  private intervalScale = 1;
  private paused = false;
  private stopped = true;

  constructor(
    private readonly probes: readonly ProbeDefinition[],
    private readonly context: ProbeContext,
    private readonly onOutcome: OutcomeListener,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts every probe at once, then on its interval. */
  start(): void {
    this.stopped = false;
    for (const probe of this.probes) this.tick(probe);
  }

  /** Stops all timers; runs under way finish but report nothing. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Pauses or resumes refreshing (pg_activity's Space). */
  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused && !this.stopped) for (const probe of this.probes) this.tick(probe);
  }

  /** Scales every probe's interval (1 = its default); used by `+`/`-`. */
  setIntervalScale(scale: number): void {
    this.intervalScale = scale;
  }

  /** How many ticks of `probeId` were dropped because its previous run had not finished. */
  skippedTicks(probeId: string): number {
    return this.skipped.get(probeId) ?? 0;
  }

  /** Runs one probe now (unless it is already running) and resolves with its outcome. */
  async runNow(probeId: string): Promise<ProbeOutcome | undefined> {
    const probe = this.probes.find((candidate) => candidate.id === probeId);
    return probe ? this.runProbe(probe) : undefined;
  }

  private tick(probe: ProbeDefinition): void {
    clearTimeout(this.timers.get(probe.id));
    if (this.stopped || this.paused) return;
    void this.runProbe(probe).finally(() => {
      if (this.stopped || this.paused) return;
      const timer = setTimeout(
        () => this.tick(probe),
        Math.max(100, probe.intervalMs * this.intervalScale),
      );
      timer.unref?.();
      this.timers.set(probe.id, timer);
    });
  }

  private async runProbe(probe: ProbeDefinition): Promise<ProbeOutcome | undefined> {
    if (this.running.has(probe.id)) {
      this.skipped.set(probe.id, this.skippedTicks(probe.id) + 1);
      return undefined;
    }
    this.running.add(probe.id);
    const startedAt = this.now();
    let outcome: ProbeOutcome;
    try {
      const data = await probe.run(this.context);
      const fetchedAt = this.now();
      outcome = {ok: true, data, startedAt, fetchedAt, durationMs: fetchedAt - startedAt};
    } catch (error) {
      const fetchedAt = this.now();
      const message = error instanceof Error ? error.message : String(error);
      outcome = {
        ok: false,
        error: message,
        startedAt,
        fetchedAt,
        durationMs: fetchedAt - startedAt,
      };
    } finally {
      this.running.delete(probe.id);
    }
    if (!this.stopped) this.onOutcome(probe.id, outcome);
    return outcome;
  }
}
