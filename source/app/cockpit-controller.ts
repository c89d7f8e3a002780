import {type AlertRule, evaluateAlerts} from '../alerts/alert-rule';
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
import {formatDuration} from '../text/format';
import type {TimelineSink} from '../timeline/timeline-sink';
import type {DatabaseActionOutcome, DatabaseActionRequest} from '../ui/cockpit-actions';

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
      ...this.options.lifeline,
      statementTimeoutMs: this.options.statementTimeoutMs ?? 5000,
    });
    this.lifeline = lifeline;
    lifeline.subscribe((status) => this.onLifelineStatus(status));
    lifeline.start();
    this.scheduler = new ProbeScheduler(
      this.probes,
      {
        lifeline,
        serverVersion: () => lifeline.serverVersion ?? 0,
        rowLimit: this.options.rowLimit ?? 50,
      },
      (probeId, outcome) => this.onOutcome(probeId, outcome),
    );
    this.scheduler.setIntervalScale(this.store.getState().ui.refreshSeconds / baseRefreshSeconds);
    this.scheduler.start();
  }

  /** Pauses or resumes all probes. */
  setPaused(paused: boolean): void {
    this.scheduler?.setPaused(paused);
  }

  /** Changes the refresh interval; probe intervals scale with it. */
  setRefreshSeconds(seconds: number): void {
    this.scheduler?.setIntervalScale(seconds / baseRefreshSeconds);
  }

  /**
   * Runs a confirmed action in one read-write transaction on the lifeline and records it, with
   * its outcome and details, on the timeline. Refused outright under `--read-only`.
   */
  async runDatabaseAction(request: DatabaseActionRequest): Promise<DatabaseActionOutcome> {
    const data = {...request.data, statements: request.statements};
    if (this.store.getState().ui.readOnly) {
      return {ok: false, text: `${request.summary}: refused, the cockpit is read-only`};
    }
    try {
      if (!this.lifeline) throw new Error('not connected to a database');
      const results = await this.lifeline.transaction(request.statements, {readOnly: false});
      const text = `${request.summary}: ${request.describe?.(results) ?? 'done'}`;
      await this.timeline.record({
        kind: request.kind,
        text,
        data: {...data, outcome: 'done', rows: results.map((result) => result.rows)},
      });
      return {ok: true, text, results};
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const text = `${request.summary} failed: ${reason}`;
      await this.timeline.record({
        kind: request.kind,
        text,
        data: {...data, outcome: 'failed', error: reason},
      });
      return {ok: false, text};
    }
  }

  /** Records that the operator backed out of an action's confirmation. */
  async recordCancelledAction(request: DatabaseActionRequest): Promise<void> {
    await this.timeline.record({
      kind: 'action.cancelled',
      text: `not confirmed: ${request.summary}`,
      data: {...request.data, cancelledKind: request.kind, statements: request.statements},
    });
  }

  /** Stops probes and closes the connection. */
  async stop(): Promise<void> {
    this.scheduler?.stop();
    await this.lifeline?.close();
  }

  private onLifelineStatus(status: LifelineStatus): void {
    this.store.getState().setDatabaseStatus(status);
    // The database-unreachable rule reads the lifeline's state; no probe result may come meanwhile.
    this.evaluateAlerts(Date.now());
    if (status.kind === 'connected') {
      if (this.wasConnected) {
        void this.timeline.record({
          kind: 'database.recovered',
          text: 'database connection restored',
        });
      }
      this.wasConnected = true;
      // Probes failed while the connection was down; refresh at once rather than at the next tick.
      for (const probe of this.probes) void this.scheduler?.runNow(probe.id);
    } else if (status.kind === 'reconnecting' && status.attempt === 1 && this.wasConnected) {
      void this.timeline.record({
        kind: 'database.outage',
        text: `database connection lost: ${status.lastError}`,
      });
    } else if (status.kind === 'reconnecting' && status.attempt === 1) {
      void this.timeline.record({
        kind: 'database.outage',
        text: `cannot reach the database: ${status.lastError}`,
      });
    }
  }

  private onOutcome(probeId: string, outcome: ProbeOutcome): void {
    const state = this.store.getState();
    state.recordProbeOutcome(probeId, outcome);
    const probe = this.probes.find((candidate) => candidate.id === probeId);
    if (outcome.ok) {
      if (probe?.samples) state.pushSamples(outcome.fetchedAt, probe.samples(outcome.data));
      if (this.failing.delete(probeId)) {
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
    this.evaluateAlerts(outcome.fetchedAt);
  }

  /** The database an alert is about, as shown in the header (a label, never credentials). */
  private targetLabel(): string {
    return this.store.getState().database.label;
  }

  private evaluateAlerts(now: number): void {
    const evaluation = evaluateAlerts(this.rules, this.store.getState(), now);
    this.store.getState().setAlerts(evaluation.alerts);
    for (const alert of evaluation.raised) {
      void this.timeline.record({
        kind: 'alert.raised',
        text: `${alert.level}: ${alert.title} — ${alert.detail}`,
        data: {ruleId: alert.ruleId, level: alert.level, target: this.targetLabel()},
      });
    }
    for (const alert of evaluation.levelChanged) {
      const kind = alert.level === 'critical' ? 'alert.escalated' : 'alert.deescalated';
      void this.timeline.record({
        kind,
        text: `now ${alert.level}: ${alert.title} — ${alert.detail}`,
        data: {ruleId: alert.ruleId, level: alert.level, target: this.targetLabel()},
      });
    }
    for (const alert of evaluation.cleared) {
      const lasted = formatDuration((now - alert.since) / 1000);
      void this.timeline.record({
        kind: 'alert.cleared',
        text: `cleared after ${lasted}: ${alert.title} — ${alert.detail}`,
        data: {ruleId: alert.ruleId, target: this.targetLabel()},
      });
    }
  }
}
