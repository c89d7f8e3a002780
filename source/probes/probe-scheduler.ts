import {
  type ProbeContext,
  type ProbeDefinition,
  type ProbeOutcome,
  unchangedReuseMs,
} from './probe-types';

/** Receives each probe's outcome as soon as it is known. */
export type OutcomeListener = (probeId: string, outcome: ProbeOutcome) => void;

/**
 * Which refresh reported: the fastest cadence's (`lead`), a slower one's (`follower`, whose
 * outcomes may wait for the next lead refresh so both reach the screen in one frame), or a run
 * somebody asked for (`asked`).
 */
export type RefreshKind = 'lead' | 'follower' | 'asked';

/** What the scheduler tells its owner beyond each outcome. */
export type SchedulerHooks = {
  /**
   * Called once the probes of one refresh have all reported (those sharing an interval run
   * together), so their outcomes can reach the screen in one write rather than one each.
   */
  onRefreshDone?: (kind: RefreshKind) => void;
  /** Resolves when the probes may run (the lifeline is connected); runs before it wait for it. */
  ready?: () => Promise<void>;
};

/** The probes that share an interval: they start together and report together. */
type Cadence = {key: string; probes: ProbeDefinition[]};

/**
 * Runs the probes on their intervals. Probes with the same interval form one cadence: started
 * together, reported together. A probe never overlaps itself: a tick that finds the previous
 * run still going is dropped, not queued, so a slow database gets less load, not a backlog. One
 * probe failing never stops the others.
 */
export class ProbeScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private readonly skipped = new Map<string, number>();
  /** Each gated probe's last full read: its change token, when, and its data. */
  private readonly lastReads = new Map<string, {token: string; at: number; data: unknown}>();
  private readonly cadences: Cadence[];
  private intervalScale = 1;
  private paused = false;
  private stopped = true;

  constructor(
    private readonly probes: readonly ProbeDefinition[],
    private readonly context: ProbeContext,
    private readonly onOutcome: OutcomeListener,
    private readonly now: () => number = Date.now,
    private readonly hooks: SchedulerHooks = {},
  ) {
    const byInterval = new Map<string, ProbeDefinition[]>();
    for (const probe of probes) {
      const key = `${probe.intervalMs}${probe.fixedInterval ? ' fixed' : ''}`;
      byInterval.set(key, [...(byInterval.get(key) ?? []), probe]);
    }
    this.cadences = [...byInterval].map(([key, members]) => ({key, probes: members}));
  }

  /** Starts every probe (once `ready` resolves), then on its interval. */
  start(): void {
    this.stopped = false;
    const begin = () => {
      if (!this.stopped) for (const cadence of this.cadences) this.tick(cadence);
    };
    if (this.hooks.ready) void this.hooks.ready().then(begin, begin);
    else begin();
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
    if (!paused && !this.stopped) for (const cadence of this.cadences) this.tick(cadence);
  }

  /** Makes the next run of every probe a full read, whatever its change token says. */
  forgetUnchanged(): void {
    this.lastReads.clear();
  }

  /** Scales every probe's interval (1 = its default); used by `+`/`-`. */
  setIntervalScale(scale: number): void {
    this.intervalScale = scale;
  }

  /** The interval `probe` runs at now: scaled by `+`/`-`, never below its own when fixed. */
  intervalOf(probe: ProbeDefinition): number {
    const scaled = probe.intervalMs * this.intervalScale;
    return Math.max(100, probe.fixedInterval ? Math.max(probe.intervalMs, scaled) : scaled);
  }

  /** How many ticks of `probeId` were dropped because its previous run had not finished. */
  skippedTicks(probeId: string): number {
    return this.skipped.get(probeId) ?? 0;
  }

  /** Runs one probe now (unless it is already running) and resolves with its outcome. */
  async runNow(probeId: string): Promise<ProbeOutcome | undefined> {
    const probe = this.probes.find((candidate) => candidate.id === probeId);
    if (!probe) return undefined;
    const outcome = await this.runProbe(probe, true);
    if (outcome && !this.stopped) this.hooks.onRefreshDone?.('asked');
    return outcome;
  }

  /** Runs every probe now, each cadence reporting together, and resolves when all have. */
  async runAllNow(): Promise<void> {
    await Promise.all(this.cadences.map((cadence) => this.runCadence(cadence, 'asked')));
  }

  /** The interval of the fastest cadence: how long a follower's outcomes may wait for it. */
  leadIntervalMs(): number {
    return Math.min(...this.cadences.map((cadence) => this.intervalOf(cadence.probes[0]!)));
  }

  private tick(cadence: Cadence): void {
    clearTimeout(this.timers.get(cadence.key));
    if (this.stopped || this.paused) return;
    void this.runCadence(cadence).finally(() => {
      if (this.stopped || this.paused) return;
      const timer = setTimeout(() => this.tick(cadence), this.intervalOf(cadence.probes[0]!));
      timer.unref?.();
      this.timers.set(cadence.key, timer);
    });
  }

  private async runCadence(cadence: Cadence, kind?: RefreshKind): Promise<void> {
    // A refresh somebody asked for reads everything, changed or not.
    const outcomes = await Promise.all(
      cadence.probes.map((probe) => this.runProbe(probe, kind === 'asked')),
    );
    if (!this.stopped && outcomes.some((outcome) => outcome !== undefined))
      this.hooks.onRefreshDone?.(
        kind ??
          (this.intervalOf(cadence.probes[0]!) <= this.leadIntervalMs() ? 'lead' : 'follower'),
      );
  }

  private async runProbe(
    probe: ProbeDefinition,
    fullRead = false,
  ): Promise<ProbeOutcome | undefined> {
    if (this.running.has(probe.id)) {
      this.skipped.set(probe.id, this.skippedTicks(probe.id) + 1);
      return undefined;
    }
    this.running.add(probe.id);
    const startedAt = this.now();
    let outcome: ProbeOutcome;
    try {
      const token = await this.changeTokenOf(probe);
      const last = this.lastReads.get(probe.id);
      if (
        !fullRead &&
        token !== undefined &&
        last?.token === token &&
        startedAt - last.at < unchangedReuseMs
      ) {
        const fetchedAt = this.now();
        const data = probe.carryForward
          ? probe.carryForward(last.data, (fetchedAt - last.at) / 1000)
          : last.data;
        const durationMs = fetchedAt - startedAt;
        outcome = {ok: true, data, startedAt, fetchedAt, durationMs, readAt: last.at};
      } else {
        const data = await probe.run(this.context);
        const fetchedAt = this.now();
        outcome = {ok: true, data, startedAt, fetchedAt, durationMs: fetchedAt - startedAt};
        if (token === undefined) this.lastReads.delete(probe.id);
        else this.lastReads.set(probe.id, {token, at: startedAt, data});
      }
    } catch (error) {
      this.lastReads.delete(probe.id);
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

  /** The probe's change token; a probe that cannot tell (or fails to) is simply read. */
  private async changeTokenOf(probe: ProbeDefinition): Promise<string | undefined> {
    if (!probe.changeToken) return undefined;
    try {
      return await probe.changeToken(this.context);
    } catch {
      return undefined;
    }
  }
}
