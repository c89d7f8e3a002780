import type {CockpitState} from '../store/cockpit-store';
import type {Alert} from '../store/slices/alerts-slice';
import type {DatabaseSlice} from '../store/slices/database-slice';
import {historyCapacity, type Sample} from '../store/slices/history-slice';
import type {IncidentHeader, TimelineEntry} from '../store/slices/incident-slice';
import type {ProbeState} from '../store/slices/probes-slice';
import type {RunbookSlice} from '../store/slices/runbook-slice';
import {redactSecretsDeep} from '../text/redact-secrets';
import {maskCustomerData} from './customer-data-mask';

/** The open runbook and its progress; placeholder values are never shared (some are secrets). */
export type SharedRunbook = Omit<RunbookSlice['runbook'], 'values'>;

/**
 * What a viewer receives of the host's store: the panes' data, the incident and its timeline,
 * the runbook in progress and the refresh state. Never the UI state (focus, scroll, overlays),
 * which every viewer keeps for itself, and never placeholder values.
 */
export type SharedState = {
  probes: Record<string, ProbeState>;
  history: Record<string, Sample[]>;
  alerts: Alert[];
  database: DatabaseSlice['database'];
  incident: IncidentHeader | null;
  timeline: TimelineEntry[];
  timeZone: 'utc' | 'local';
  runbook: SharedRunbook;
  refresh: {paused: boolean; seconds: number};
};

/** What changed between two shared states; only present keys changed. */
export type SharedStatePatch = {
  /** Probes that changed, by id (whole probe state; `null`: gone). */
  probes?: Record<string, ProbeState | null>;
  /** Samples to append to each series (the viewer keeps the same capacity as the host). */
  historyAppend?: Record<string, Sample[]>;
  alerts?: Alert[];
  database?: DatabaseSlice['database'];
  incident?: IncidentHeader | null;
  /** Entries added at the end of the timeline. */
  timelineAppend?: TimelineEntry[];
  /** The whole timeline, when it was replaced rather than appended to. */
  timeline?: TimelineEntry[];
  timeZone?: 'utc' | 'local';
  runbook?: SharedRunbook;
  refresh?: {paused: boolean; seconds: number};
};

/** How the host cleans what it shares. */
export type ShareCleaning = {
  /** Exact secret values (passwords, keys) removed verbatim, as the journal does. */
  knownSecrets: readonly string[];
  /** `--share-redact`: customer data masked too. */
  maskCustomerData: boolean;
};

const secretPlaceholderName = /pass|secret|token|key|credential/i;

/** Raw parts of the store the tracker compares by reference. */
type RawParts = {
  probes: CockpitState['probes'];
  history: CockpitState['history'];
  alerts: CockpitState['alerts'];
  database: CockpitState['database'];
  incident: CockpitState['incident'];
  timeline: CockpitState['timeline'];
  timeZone: CockpitState['timeZone'];
  runbook: CockpitState['runbook'];
  paused: boolean;
  refreshSeconds: number;
};

function rawPartsOf(state: CockpitState): RawParts {
  return {
    probes: state.probes,
    history: state.history,
    alerts: state.alerts,
    database: state.database,
    incident: state.incident,
    timeline: state.timeline,
    timeZone: state.timeZone,
    runbook: state.runbook,
    paused: state.ui.paused,
    refreshSeconds: state.ui.refreshSeconds,
  };
}

/**
 * Keeps the cleaned, shareable copy of a host's store and turns each change of the store into a
 * patch. Only the parts whose reference changed are cleaned again, so a quiet refresh costs a
 * few comparisons and a busy one the cleaning of what changed.
 */
export class SharedStateTracker {
  private raw: RawParts;
  private shared: SharedState;
  private readonly historySentAt = new Map<string, number>();

  constructor(
    state: CockpitState,
    private readonly cleaning: ShareCleaning,
  ) {
    this.raw = rawPartsOf(state);
    this.shared = this.fullState(this.raw);
  }

  /** The whole shareable state as of the last {@link collect}. */
  snapshot(): SharedState {
    return this.shared;
  }

  /** Compares `state` with what was shared last; returns the patch, or undefined if nothing changed. */
  collect(state: CockpitState): SharedStatePatch | undefined {
    const next = rawPartsOf(state);
    const previous = this.raw;
    const patch: SharedStatePatch = {};
    if (next.probes !== previous.probes) {
      // On the wire probes are keyed by plain strings: the typed map widens to that view.
      const before: Readonly<Record<string, ProbeState | undefined>> = previous.probes;
      const probes: Record<string, ProbeState | null> = {};
      for (const [id, probe] of Object.entries(next.probes)) {
        if (before[id] !== probe) probes[id] = this.clean(probe);
      }
      for (const id of Object.keys(before)) if (!(id in next.probes)) probes[id] = null;
      if (Object.keys(probes).length > 0) patch.probes = probes;
    }
    if (next.history !== previous.history) {
      const append = this.historyAppendOf(next.history, previous.history);
      if (Object.keys(append).length > 0) patch.historyAppend = append;
    }
    if (next.alerts !== previous.alerts) patch.alerts = this.clean(next.alerts);
    if (next.database !== previous.database) patch.database = this.clean(next.database);
    if (next.incident !== previous.incident) patch.incident = this.clean(next.incident) ?? null;
    if (next.timeline !== previous.timeline) {
      const old = previous.timeline;
      const appended =
        old.length > 0 &&
        next.timeline.length >= old.length &&
        next.timeline[0] === old[0] &&
        next.timeline[old.length - 1] === old[old.length - 1];
      if (appended) patch.timelineAppend = this.clean(next.timeline.slice(old.length));
      else patch.timeline = this.clean(next.timeline);
    }
    if (next.timeZone !== previous.timeZone) patch.timeZone = next.timeZone;
    if (next.runbook !== previous.runbook) patch.runbook = this.runbookOf(next.runbook);
    if (next.paused !== previous.paused || next.refreshSeconds !== previous.refreshSeconds)
      patch.refresh = {paused: next.paused, seconds: next.refreshSeconds};
    this.raw = next;
    if (Object.keys(patch).length === 0) return undefined;
    this.shared = applySharedPatch(this.shared, patch);
    return patch;
  }

  private fullState(raw: RawParts): SharedState {
    const history: Record<string, Sample[]> = {};
    for (const [series, samples] of Object.entries(raw.history)) {
      if (!samples) continue;
      history[series] = samples;
      const last = samples[samples.length - 1];
      if (last) this.historySentAt.set(series, last.at);
    }
    const probes: Record<string, ProbeState> = {};
    for (const [id, probe] of Object.entries(raw.probes)) probes[id] = this.clean(probe);
    return {
      probes,
      history,
      alerts: this.clean(raw.alerts),
      database: this.clean(raw.database),
      incident: this.clean(raw.incident) ?? null,
      timeline: this.clean(raw.timeline),
      timeZone: raw.timeZone,
      runbook: this.runbookOf(raw.runbook),
      refresh: {paused: raw.paused, seconds: raw.refreshSeconds},
    };
  }

  private historyAppendOf(
    next: CockpitState['history'],
    previous: CockpitState['history'],
  ): Record<string, Sample[]> {
    const append: Record<string, Sample[]> = {};
    const before: Readonly<Record<string, Sample[] | undefined>> = previous;
    for (const [series, samples] of Object.entries(next)) {
      if (!samples || before[series] === samples) continue;
      const sentAt = this.historySentAt.get(series) ?? Number.NEGATIVE_INFINITY;
      // Samples are appended in time order: the new ones are a tail of the series.
      let first = samples.length;
      while (first > 0 && samples[first - 1]!.at > sentAt) first -= 1;
      if (first === samples.length) continue;
      append[series] = samples.slice(first);
      this.historySentAt.set(series, samples[samples.length - 1]!.at);
    }
    return append;
  }

  private runbookOf(runbook: RunbookSlice['runbook']): SharedRunbook {
    // Values of placeholders whose name says secret are removed wherever else they appear.
    const secretValues = Object.entries(runbook.values)
      .filter(([name]) => secretPlaceholderName.test(name))
      .map(([, value]) => value);
    const open = runbook.library.filter((candidate) => candidate.id === runbook.openRunbookId);
    const {values: _values, ...rest} = runbook;
    return this.clean({...rest, library: open}, secretValues);
  }

  private clean<T>(value: T, extraSecrets: readonly string[] = []): T {
    const redacted = redactSecretsDeep(value, [...this.cleaning.knownSecrets, ...extraSecrets]);
    return this.cleaning.maskCustomerData ? maskCustomerData(redacted) : redacted;
  }
}

/** Applies a patch to a shared state (the host's copy and every viewer's), returning a new state. */
export function applySharedPatch(state: SharedState, patch: SharedStatePatch): SharedState {
  const next: SharedState = {...state};
  if (patch.probes) {
    const probes = {...state.probes};
    for (const [id, probe] of Object.entries(patch.probes)) {
      if (probe === null) delete probes[id];
      else probes[id] = probe;
    }
    next.probes = probes;
  }
  if (patch.historyAppend) {
    const history = {...state.history};
    for (const [series, samples] of Object.entries(patch.historyAppend)) {
      const joined = (history[series] ?? []).concat(samples);
      history[series] =
        joined.length > historyCapacity ? joined.slice(joined.length - historyCapacity) : joined;
    }
    next.history = history;
  }
  if (patch.alerts) next.alerts = patch.alerts;
  if (patch.database) next.database = patch.database;
  if (patch.incident !== undefined) next.incident = patch.incident;
  if (patch.timeline) next.timeline = patch.timeline;
  if (patch.timelineAppend) next.timeline = state.timeline.concat(patch.timelineAppend);
  if (patch.timeZone) next.timeZone = patch.timeZone;
  if (patch.runbook) next.runbook = patch.runbook;
  if (patch.refresh) next.refresh = patch.refresh;
  return next;
}

/** The store state a viewer sets from a shared state; `only` limits it to what a patch changed. */
export function storeStateOf(
  shared: SharedState,
  current: CockpitState,
  only?: SharedStatePatch,
): Partial<CockpitState> {
  const all = only === undefined;
  const next: Partial<CockpitState> = {};
  if (all || only.probes) next.probes = shared.probes;
  if (all || only.historyAppend) next.history = shared.history;
  if (all || only.alerts) next.alerts = shared.alerts;
  if (all || only.database) next.database = shared.database;
  if (all || only.incident !== undefined) next.incident = shared.incident ?? undefined;
  if (all || only.timeline || only.timelineAppend) next.timeline = shared.timeline;
  if (all || only.timeZone) next.timeZone = shared.timeZone;
  if (all || only.runbook) next.runbook = {...current.runbook, ...shared.runbook, values: {}};
  if (all || only.refresh)
    next.ui = {
      ...current.ui,
      paused: shared.refresh.paused,
      refreshSeconds: shared.refresh.seconds,
    };
  return next;
}
