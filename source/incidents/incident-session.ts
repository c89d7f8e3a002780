import {CockpitError} from '../errors';
import {IncidentJournal} from '../journal/incident-journal';
import type {EventActor, EventInput, JournalEvent} from '../journal/journal-event';
import {watchJournal} from '../journal/journal-watcher';
import {writeReportFile} from '../journal/report/write-report';
import {ensureIncidentsDirectory, journalPathOf} from '../journal/state-directory';
import type {CockpitStore} from '../store/cockpit-store';
import type {Severity} from '../store/slices/incident-slice';
import {redactSecrets} from '../text/redact-secrets';
import {eventInputOf} from '../timeline/journal-kinds';
import {storeTimelineSink, type TimelineSink} from '../timeline/timeline-sink';
import {findOpenIncident, type StoredIncident} from './incident-catalog';
import {applyEvent, emptyFold, type FoldState} from './incident-fold';
import {incidentIdFor} from './incident-id';
import type {Incident} from './incident-model';
import {type MetricsRecorder, startMetricsRecorder} from './metrics-recorder';
import {timelineEntryOf} from './timeline-entries';

/** What a session needs: the state directory, who writes, which secrets to keep out, a clock. */
export type SessionOptions = {
  home: string;
  actor: EventActor;
  knownSecrets: readonly string[];
  now?: () => number;
  /** How often peaks of the store's sample series are journaled as `metrics` events. */
  metricsEveryMs?: number;
  onWarning?: (warning: string) => void;
  /** The database target (a label, never credentials), recorded in the `opened` event. */
  target?: string;
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
      try {
        await this.journal.append(eventInputOf(input));
      } catch (error) {
        // Callers fire and forget; a failed write must not crash the cockpit nor vanish.
        const reason = error instanceof Error ? error.message : String(error);
        this.options.onWarning?.(`could not write "${input.kind}" to the journal: ${reason}`);
        await this.memory.record({...input, text: `[not journaled] ${input.text}`});
      }
    },
  };

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

  /** Resumes the given open incident, else the newest open one; true when it did. */
  async resume(chosen?: StoredIncident): Promise<boolean> {
    const open = chosen ?? (await findOpenIncident(this.options.home));
    if (!open) return false;
    this.attach(await IncidentJournal.open(open.path, this.journalOptions()));
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
        const opened = {
          id,
          title,
          severity,
          commander: this.options.actor.user,
          ...(this.options.target ? {target: this.options.target} : {}),
        };
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
    for (const entry of before) {
      const input = eventInputOf({kind: entry.kind, text: entry.text, data: entry.data});
      input.data.occurredAt = new Date(entry.at).toISOString();
      await journal.append(input);
    }
    return id;
  }

  /** Appends a structured event to the open incident. */
  async append(input: EventInput): Promise<JournalEvent> {
    if (!this.journal) throw new CockpitError('no incident is open', {hint: 'press o to open one'});
    return this.journal.append(input);
  }

  /** Journals the close, writes the Markdown report next to the journal and detaches. */
  async close(summary: {impact?: string; rootCause?: string; summary?: string}): Promise<string> {
    const journal = this.journal;
    if (!journal) throw new CockpitError('no incident is open');
    await this.metrics?.flush();
    const status = this.fold.incident?.status;
    if (status !== 'resolved') {
      await journal.append({type: 'status.changed', data: {from: status, to: 'resolved'}});
    }
    await journal.append({type: 'closed', data: summary});
    this.reportPath = await writeReportFile(
      this.options.home,
      journal.events,
      this.options.knownSecrets,
    );
    this.detach();
    this.store.getState().setIncident(undefined);
    return this.reportPath;
  }

  /** Waits for the appends under way: on quit and hang-up, nothing already recorded is dropped. */
  async settled(): Promise<void> {
    await this.journal?.settled();
  }

  /** Stops watching the journal and recording metrics. */
  stop(): void {
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
    const metrics = startMetricsRecorder(this.store, (input) => journal.append(input), {
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
    this.store.getState().setIncident(
      incident
        ? {
            id: incident.id,
            title: incident.title,
            severity: incident.severity,
            status: incident.status,
            openedAt: Date.parse(incident.openedAt),
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
