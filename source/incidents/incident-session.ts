import {CockpitError} from '../errors';
import {IncidentJournal} from '../journal/incident-journal';
import type {EventActor, EventInput, JournalEvent} from '../journal/journal-event';
import {watchJournal} from '../journal/journal-watcher';
import {ensureIncidentsDirectory, journalPathOf} from '../journal/state-directory';
import {sharedSecretListPath, writeSharedSecretList} from '../secrets/shared-secret-list';
import type {CockpitStore} from '../store/cockpit-store';
import type {Severity} from '../store/slices/incident-slice';
import {redactSecrets, rememberedSecrets} from '../text/redact-secrets';
import {eventInputOf} from '../timeline/journal-kinds';
import {storeTimelineSink, type TimelineSink} from '../timeline/timeline-sink';
import {HeldEvents} from './held-events';
import {findOpenIncident} from './incident-catalog';
import {applyEvent, emptyFold, type FoldState} from './incident-fold';
import {incidentIdFor} from './incident-id';
import type {Incident} from './incident-model';
import {type MetricsRecorder, startMetricsRecorder} from './metrics-recorder';
import {timelineEntryOf} from './timeline-entries';

/** How often held events are tried again while the journal cannot be written. */
const heldRetryMs = 1000;

/** What a session needs: the state directory, who writes, which secrets to keep out, a clock. */
export type SessionOptions = {
  home: string;
  actor: EventActor;
  knownSecrets: readonly string[];
  now?: () => number;
  /** How often peaks of the store's sample series are journaled as `metrics` events. */
  metricsEveryMs?: number;
  onWarning?: (warning: string) => void;
  /** Writes the report of a closed incident and returns its path (the report reads incidents). */
  writeReport: (events: readonly JournalEvent[]) => Promise<string>;
  /** How often held events are tried again while the journal cannot be written. */
  heldRetryMs?: number;
};

/**
 * The running cockpit's incident: opens or resumes the journal, keeps the store's incident header
 * and timeline in step with it (including events other processes append), and is the
 * {@link TimelineSink} the controller writes to. With no incident open, events stay in memory.
 */
export class IncidentSession {
  private journal: IncidentJournal | undefined;
  private fold: FoldState = emptyFold();
  private stops: Array<() => void> = [];
  private metrics: MetricsRecorder | undefined;
  private readonly memory: TimelineSink;
  private readonly held = new HeldEvents();
  private retryTimer: ReturnType<typeof setInterval> | undefined;
  private flushing: Promise<boolean> | undefined;
  /** The Markdown report written when the incident was closed in this session. */
  reportPath: string | undefined;

  constructor(
    private readonly store: CockpitStore,
    private readonly options: SessionOptions,
  ) {
    this.memory = storeTimelineSink(store, options.now);
  }

  /** The sink the controller and actions record through. */
  readonly timeline: TimelineSink = {
    record: async (input) => {
      if (!this.journal) return this.memory.record(input);
      await this.record(eventInputOf(input));
    },
  };

  /**
   * Journals `input`, or — when the journal cannot be written (a full disk, a lost lock) — keeps
   * it in memory, shows it on the timeline as held, and writes it, in order and after a
   * `journal.gap` event, as soon as the journal can be written again. Resolves with the event
   * once it is on disk, or undefined while it is held. Never rejects: nothing recorded is lost.
   */
  async record(input: EventInput): Promise<JournalEvent | undefined> {
    const journal = this.journal;
    if (!journal) throw new CockpitError('no incident is open', {hint: 'press o to open one'});
    if (this.held.size === 0) {
      try {
        return await journal.append(input);
      } catch (error) {
        this.hold(input, error);
        return undefined;
      }
    }
    this.hold(input, undefined);
    void this.flushHeld();
    return undefined;
  }

  /** Why events are held, undefined while the journal is written normally. */
  get heldReason(): string | undefined {
    return this.held.summary()?.reason;
  }

  /** The texts of the events still held in memory (for the exit message if they never got out). */
  heldTexts(): string[] {
    return this.held.list().map(({input}) => `${input.type}: ${String(input.data.text ?? '')}`);
  }

  private hold(input: EventInput, error: unknown): void {
    const now = (this.options.now ?? Date.now)();
    const reason =
      error === undefined
        ? (this.held.summary()?.reason ?? 'the journal is behind')
        : error instanceof Error
          ? error.message
          : String(error);
    const data = {...input.data};
    // Written late, it must still show when it happened.
    data.occurredAt ??= new Date(now).toISOString();
    const kept: EventInput = {...input, data};
    if (error !== undefined && this.held.size === 0)
      this.options.onWarning?.(`cannot write the journal, keeping events in memory: ${reason}`);
    this.held.hold(kept, now, reason);
    if (input.type !== 'metrics')
      this.store.getState().appendTimeline([
        {
          id: `held-${now}-${this.held.size}`,
          at: now,
          kind: input.type === 'event' ? String(data.kind ?? 'event') : input.type,
          actor: this.options.actor.user,
          text: `[held in memory] ${redactSecrets(String(data.text ?? input.type), this.options.knownSecrets)}`,
        },
      ]);
    this.publishHeader();
    this.retryTimer ??= setInterval(
      () => void this.flushHeld(),
      this.options.heldRetryMs ?? heldRetryMs,
    );
    this.retryTimer.unref?.();
  }

  /** Writes the held events if the journal can be written again; quiet when it still cannot. */
  flushHeld(): Promise<boolean> {
    // One attempt at a time; a caller arriving during one waits for its outcome.
    this.flushing ??= this.tryFlushHeld().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async tryFlushHeld(): Promise<boolean> {
    const journal = this.journal;
    if (!journal || this.held.size === 0) return this.held.size === 0;
    try {
      await this.held.flush((input) => journal.append(input), (this.options.now ?? Date.now)());
      clearInterval(this.retryTimer);
      this.retryTimer = undefined;
      // The held lines are now real events: show the timeline as the journal has it.
      this.store.getState().setTimeline(shownEntries(journal.events));
      this.options.onWarning?.('the journal can be written again; held events written');
      return true;
    } catch {
      return false;
    } finally {
      this.publishHeader();
    }
  }

  /** True while an incident is open. */
  get isOpen(): boolean {
    return this.journal !== undefined;
  }

  /** The open incident as its journal folds so far. */
  get incident(): Incident | undefined {
    return this.journal ? this.fold.incident : undefined;
  }

  /** The open incident's events, in journal order. */
  get events(): readonly JournalEvent[] {
    return this.journal?.events ?? [];
  }

  /** Resumes the open incident if there is one; true when it did. */
  async resume(): Promise<boolean> {
    const open = await findOpenIncident(this.options.home);
    if (!open) return false;
    this.attach(await IncidentJournal.open(open.path, this.journalOptions()));
    await this.publishSecrets();
    return true;
  }

  /** Opens a new incident; what the screen showed before is carried into its journal. */
  async open(title: string, severity: Severity): Promise<string> {
    if (this.journal) throw new CockpitError('an incident is already open');
    const now = (this.options.now ?? Date.now)();
    await ensureIncidentsDirectory(this.options.home);
    // The id names a file and is printed everywhere: it is made from the title without secrets.
    const baseId = incidentIdFor(redactSecrets(title, this.options.knownSecrets), now);
    let id = baseId;
    let journal: IncidentJournal | undefined;
    for (let attempt = 2; !journal; attempt++) {
      try {
        const opened = {id, title, severity, commander: this.options.actor.user};
        journal = await IncidentJournal.create(
          journalPathOf(this.options.home, id),
          {type: 'opened', data: opened},
          this.journalOptions(),
        );
      } catch (error) {
        // Two incidents opened in the same minute with the same title: number the second.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 50) throw error;
        id = `${baseId}-${attempt}`;
      }
    }
    const before = this.store.getState().timeline;
    this.attach(journal);
    await this.publishSecrets();
    for (const entry of before) {
      const input = eventInputOf({kind: entry.kind, text: entry.text, data: entry.data});
      input.data.occurredAt = new Date(entry.at).toISOString();
      await journal.append(input);
    }
    return id;
  }

  /** Appends a structured event to the open incident (after any held ones are written). */
  async append(input: EventInput): Promise<JournalEvent> {
    if (!this.journal) throw new CockpitError('no incident is open', {hint: 'press o to open one'});
    if (this.held.size > 0 && !(await this.flushHeld()))
      throw new CockpitError(`the journal cannot be written: ${this.heldReason}`, {
        hint: 'free space in COCKPIT_HOME; held events are written when it can be',
      });
    return this.journal.append(input);
  }

  /** Journals the close, writes the Markdown report next to the journal and detaches. */
  async close(summary: {impact?: string; rootCause?: string; summary?: string}): Promise<string> {
    const journal = this.journal;
    if (!journal) throw new CockpitError('no incident is open');
    await this.metrics?.flush();
    if (!(await this.flushHeld()))
      throw new CockpitError(`the journal cannot be written: ${this.heldReason}`, {
        hint: 'free space in COCKPIT_HOME, then close again',
      });
    const status = this.fold.incident?.status;
    if (status !== 'resolved') {
      await journal.append({type: 'status.changed', data: {from: status, to: 'resolved'}});
    }
    await journal.append({type: 'closed', data: summary});
    this.reportPath = await this.options.writeReport(journal.events);
    this.detach();
    this.store.getState().setIncident(undefined);
    return this.reportPath;
  }

  /**
   * Leaves the secrets this process knows, as keyed hashes, beside the open incident's journal, so
   * that `cockpit note` and exports from other shells redact them too. A failure is a warning:
   * this process still redacts everything it writes itself.
   */
  async publishSecrets(): Promise<void> {
    if (!this.journal) return;
    const values = [...this.options.knownSecrets, ...rememberedSecrets()];
    try {
      await writeSharedSecretList(sharedSecretListPath(this.journal.path), values);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.onWarning?.(`could not share the secret list for other shells: ${reason}`);
    }
  }

  /** Waits for the appends under way: on quit and hang-up, nothing already recorded is dropped. */
  async settled(): Promise<void> {
    await this.journal?.settled();
    await this.flushHeld();
  }

  /** Stops watching the journal and recording metrics. */
  stop(): void {
    clearInterval(this.retryTimer);
    this.retryTimer = undefined;
    for (const stop of this.stops) stop();
    this.stops = [];
  }

  private attach(journal: IncidentJournal): void {
    this.journal = journal;
    this.fold = emptyFold();
    for (const event of journal.events) this.fold = applyEvent(this.fold, event);
    for (const warning of journal.warnings) this.options.onWarning?.(warning);
    this.store.getState().setTimeline(shownEntries(journal.events));
    this.publishHeader();
    const unsubscribe = journal.subscribe((events, warnings) => {
      for (const event of events) this.fold = applyEvent(this.fold, event);
      for (const warning of warnings) this.options.onWarning?.(warning);
      this.store.getState().appendTimeline(shownEntries(events));
      this.publishHeader();
    });
    const unwatch = watchJournal(journal, {
      onError: (error) => this.options.onWarning?.(String(error)),
    });
    const metrics = startMetricsRecorder(this.store, (input) => this.record(input), {
      everyMs: this.options.metricsEveryMs,
      now: this.options.now,
    });
    this.metrics = metrics;
    this.stops = [unsubscribe, unwatch, metrics.stop];
  }

  private detach(): void {
    this.stop();
    this.journal = undefined;
    this.fold = emptyFold();
  }

  private publishHeader(): void {
    const incident = this.fold.incident;
    const held = this.held.summary();
    this.store.getState().setIncident(
      incident
        ? {
            id: incident.id,
            title: incident.title,
            severity: incident.severity,
            status: incident.status,
            openedAt: Date.parse(incident.openedAt),
            ...(held
              ? {unjournaled: {count: held.count, since: held.since, reason: held.reason}}
              : {}),
          }
        : undefined,
    );
  }

  private journalOptions() {
    return {
      actor: this.options.actor,
      knownSecrets: this.options.knownSecrets,
      now: this.options.now,
    };
  }
}

/** Timeline entries for the screen: minute-by-minute metrics samples are for the report only. */
function shownEntries(events: readonly JournalEvent[]) {
  return events.filter((event) => event.type !== 'metrics').map(timelineEntryOf);
}
