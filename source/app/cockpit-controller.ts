import {type AlertEvaluation, type AlertRule, evaluateAlerts} from '../alerts/alert-rule';
import {allAlertRules} from '../alerts/all-rules';
import type {ApplicationSettings} from '../config/application-settings';
import {allProbes} from '../probes/probe-registry';
import {ProbeScheduler} from '../probes/probe-scheduler';
import type {ProbeDefinition, ProbeOutcome} from '../probes/probe-types';
import {baseRefreshSeconds} from '../probes/refresh-interval';
import type {ConnectionTarget} from '../sources/connection-target';
import {
  type LifelineOptions,
  type LifelineStatus,
  PostgresLifeline,
} from '../sources/postgres-lifeline';
import type {CockpitStore} from '../store/cockpit-store';
import type {TimelineSink} from '../timeline/timeline-sink';
import {recordAlertChanges} from './alert-timeline';
import {writeRefresh} from './write-refresh';

/** Settings of a running cockpit. */
export type ControllerOptions = {
  store: CockpitStore;
  timeline: TimelineSink;
  probes?: ProbeDefinition[];
  rules?: AlertRule[];
  /** The application panes' configuration (defaults fit the demo schema). */
  application?: ApplicationSettings;
  statementTimeoutMs?: number;
  rowLimit?: number;
  /** Lifeline settings beyond the statement timeout (tests shorten backoff and lock timeout). */
  lifeline?: Partial<LifelineOptions>;
};

/**
 * The cockpit without its screen: the lifeline, the probe scheduler, alert evaluation and the
 * timeline events they produce, all writing into one store. The UI, the share server and the
 * tests only read that store.
 */
export class CockpitController {
  private lifeline: PostgresLifeline | undefined;
  private scheduler: ProbeScheduler | undefined;
  private readonly store: CockpitStore;
  private readonly timeline: TimelineSink;
  private readonly probes: ProbeDefinition[];
  private readonly rules: AlertRule[];
  private readonly failing = new Set<string>();
  private wasConnected = false;
  /** Set once the probes have begun (connected, or given up waiting for the first connection). */
  private probesStarted = false;
  /** Outcomes of the refresh under way, written to the store together when it is done. */
  private pending: Array<{probeId: string; outcome: ProbeOutcome}> = [];
  /** Set while a slower cadence's outcomes wait for the next database refresh. */
  private heldRefresh: NodeJS.Timeout | undefined;
  /** An outage journaled and not yet recovered from: each outage is journaled once. */
  private outageOpen = false;
  private unsubscribeStore: (() => void) | undefined;

  constructor(private readonly options: ControllerOptions) {
    this.store = options.store;
    this.timeline = options.timeline;
    this.probes = options.probes ?? allProbes(options.application);
    this.rules = options.rules ?? allAlertRules(options.application);
  }

  /** The connection the probes read through, once started. */
  get database(): PostgresLifeline | undefined {
    return this.lifeline;
  }

  /** Connects to `target` and starts the probes; the probes wait for the connection by themselves. */
  start(target: ConnectionTarget): void {
    const lifeline = new PostgresLifeline(target, {
      stallAfterMs: this.stallAfterMs(),
      ...this.options.lifeline,
      statementTimeoutMs: this.options.statementTimeoutMs ?? 5000,
    });
    this.lifeline = lifeline;
    lifeline.subscribe((status) => this.onLifelineStatus(status));
    this.applyBackoffCap();
    // An incident opened or closed, or a new refresh interval: the backoff cap follows.
    this.unsubscribeStore = this.store.subscribe((state, previous) => {
      if (
        (state.incident === undefined) !== (previous.incident === undefined) ||
        state.ui.refreshSeconds !== previous.ui.refreshSeconds
      )
        this.applyBackoffCap();
    });
    lifeline.start();
    this.scheduler = new ProbeScheduler(
      this.probes,
      {
        lifeline,
        serverVersion: () => lifeline.serverVersion ?? 0,
        rowLimit: this.options.rowLimit ?? 50,
      },
      (probeId, outcome) => this.onOutcome(probeId, outcome),
      Date.now,
      {
        onRefreshDone: (kind) => (kind === 'follower' ? this.holdRefresh() : this.writeRefresh()),
        // The first run waits for the lifeline: no red "not connected yet" on every launch.
        ready: () =>
          lifeline
            .waitUntilConnected((this.options.lifeline?.connectTimeoutMs ?? 5000) + 1000)
            .finally(() => {
              this.probesStarted = true;
            }),
      },
    );
    this.scheduler.setIntervalScale(this.store.getState().ui.refreshSeconds / baseRefreshSeconds);
    this.scheduler.start();
  }

  /** The next refresh of every pane reads its tables, changed or not (after an action ran). */
  readTablesInFull(): void {
    this.scheduler?.forgetUnchanged();
  }

  /** Pauses or resumes all probes. */
  setPaused(paused: boolean): void {
    this.scheduler?.setPaused(paused);
  }

  /** Changes the refresh interval; probe intervals scale with it. */
  setRefreshSeconds(seconds: number): void {
    this.scheduler?.setIntervalScale(seconds / baseRefreshSeconds);
    this.lifeline?.setStallAfter(this.stallAfterMs(seconds));
    this.applyBackoffCap(seconds);
  }

  /** Retries the database connection now (the reconnect key and `:reconnect`); says what it did. */
  reconnectNow(): string {
    return this.lifeline?.reconnectNow() ?? 'no database to reconnect to';
  }

  /** A probe unanswered for two refresh intervals means the server stopped answering. */
  private stallAfterMs(seconds = this.store.getState().ui.refreshSeconds): number {
    return seconds * 2 * 1000;
  }

  /** While an incident is open, a reconnect is never more than five refresh intervals away. */
  private applyBackoffCap(seconds = this.store.getState().ui.refreshSeconds): void {
    const open = this.store.getState().incident !== undefined;
    this.lifeline?.setBackoffCap(open ? seconds * 5 * 1000 : undefined);
  }

  /** Stops probes and closes the connection. */
  async stop(): Promise<void> {
    this.unsubscribeStore?.();
    clearTimeout(this.heldRefresh);
    this.scheduler?.stop();
    await this.lifeline?.close();
  }

  private onLifelineStatus(status: LifelineStatus): void {
    this.store.getState().setDatabaseStatus(status);
    // The database-unreachable rule reads the lifeline's state; no probe result may come meanwhile.
    this.evaluateAlerts(Date.now());
    if (status.kind === 'connected') {
      if (this.outageOpen) {
        void this.timeline.record({
          kind: 'database.recovered',
          text: 'database connection restored',
        });
      }
      this.outageOpen = false;
      this.wasConnected = true;
      // Probes failed while the connection was down; refresh at once rather than at the next tick.
      if (this.probesStarted) void this.scheduler?.runAllNow();
    } else if (status.kind === 'reconnecting' && !this.outageOpen) {
      // Journaled once per outage, dated from when it began (for a frozen server: when the
      // statement that never got an answer was sent), not from when it was noticed.
      this.outageOpen = true;
      void this.timeline.record({
        kind: 'database.outage',
        text: this.wasConnected
          ? `database connection lost: ${status.lastError}`
          : `cannot reach the database: ${status.lastError}`,
        data: {occurredAt: new Date(status.downSince).toISOString()},
      });
    }
  }

  private onOutcome(probeId: string, outcome: ProbeOutcome): void {
    this.pending.push({probeId, outcome});
    const probe = this.probes.find((candidate) => candidate.id === probeId);
    // A probe that answers "the table is missing" has not recovered, nor newly failed.
    const unavailable =
      outcome.ok && (outcome.data as {available?: unknown} | undefined)?.available === false;
    if (outcome.ok) {
      if (!unavailable && this.failing.delete(probeId)) {
        void this.timeline.record({
          kind: 'probe.recovered',
          text: `${probe?.title ?? probeId} probe recovered`,
          data: {probeId},
        });
      }
    } else if (!this.failing.has(probeId) && this.lifeline?.status.kind === 'connected') {
      // Failures while the database is down are one outage, reported by the lifeline.
      this.failing.add(probeId);
      void this.timeline.record({
        kind: 'probe.outage',
        text: `${probe?.title ?? probeId} probe failing: ${outcome.error}`,
        data: {probeId},
      });
    }
  }

  /**
   * A slower cadence's outcomes (the application panes') wait for the next database refresh, at
   * most one of its intervals, and reach the screen in the same frame: one frame a refresh.
   */
  private holdRefresh(): void {
    if (this.heldRefresh) return;
    this.heldRefresh = setTimeout(() => this.writeRefresh(), this.scheduler?.leadIntervalMs() ?? 0);
    this.heldRefresh.unref?.();
  }

  private writeRefresh(): void {
    clearTimeout(this.heldRefresh);
    this.heldRefresh = undefined;
    const results = this.pending.splice(0);
    if (results.length === 0) return;
    const {evaluation, now} = writeRefresh(this.store, results, {
      probes: this.probes,
      rules: this.rules,
      intervalOf: (probe) => this.scheduler?.intervalOf(probe),
    });
    this.recordAlertChanges(evaluation, now);
  }

  /** The database an alert is about, as shown in the header (a label, never credentials). */
  private targetLabel(): string {
    return this.store.getState().database.label;
  }

  /** Re-evaluates the alerts outside a refresh (a change of the lifeline's status). */
  private evaluateAlerts(now: number): void {
    const evaluation = evaluateAlerts(this.rules, this.store.getState(), now);
    this.store.getState().setAlerts(evaluation.alerts);
    this.recordAlertChanges(evaluation, now);
  }

  private recordAlertChanges(evaluation: AlertEvaluation, now: number): void {
    recordAlertChanges(this.timeline, evaluation, now, this.targetLabel());
  }
}
