import {describeEvent, kindOf, occurredAtOf} from '../incidents/describe-event';
import {foldIncident} from '../incidents/incident-fold';
import type {Incident} from '../incidents/incident-model';
import type {JournalEvent} from '../journal/journal-event';
import {actionResultOf, actionText, eventLabel, reportLine} from './event-labels';

/** One row of the report's timeline. */
export type TimelineRow = {
  at: number;
  writtenAt: number;
  actor: string;
  kind: string;
  text: string;
  /** The line the report's timeline shows: a label in words, then what happened. */
  line: string;
};

/** An action or runbook step that was run, with what it ran and what came of it. */
export type ActionRecord = {
  at: number;
  actor: string;
  kind: string;
  /** The kind in words (`Retried emails`). */
  label: string;
  text: string;
  sql?: string;
  command?: string;
  result?: string;
};

/** An alert (or outage) and how long it lasted; `clearedAt` undefined if it never cleared. */
export type AlertSpan = {key: string; text: string; raisedAt: number; clearedAt?: number};

/** Everything the renderers need, derived from the events alone (no clock). */
export type ReportModel = {
  incident: Incident;
  /** The last moment the journal speaks of: the close, or its newest event. */
  endAt: number;
  timeline: TimelineRow[];
  actions: ActionRecord[];
  alerts: AlertSpan[];
  /** Peak of each sampled series over the incident, with when it was reached. */
  metrics: Record<string, {peak: number; at: number}>;
  notesByTag: Record<string, TimelineRow[]>;
};

/** Builds the report model from a journal's events; undefined if it was never opened. */
export function buildReportModel(events: readonly JournalEvent[]): ReportModel | undefined {
  const incident = foldIncident(events);
  if (!incident) return undefined;
  const rows = events.map((event) => rowOf(event));
  // Back-dated notes take their place by when they happened; ties keep journal order.
  const timeline = rows
    .map((row, index) => ({row, index}))
    .sort((left, right) => left.row.at - right.row.at || left.index - right.index)
    .map(({row}) => row);
  const lastWritten = events.reduce((latest, event) => Math.max(latest, Date.parse(event.at)), 0);
  return {
    incident,
    endAt: incident.closedAt ? Date.parse(incident.closedAt) : lastWritten,
    timeline,
    actions: actionsOf(events),
    alerts: alertSpans(events),
    metrics: metricPeaks(events),
    notesByTag: notesByTag(events),
  };
}

function rowOf(event: JournalEvent): TimelineRow {
  return {
    at: occurredAtOf(event),
    writtenAt: Date.parse(event.at),
    actor:
      event.actor.source === 'cockpit'
        ? event.actor.user
        : `${event.actor.user} (${event.actor.source})`,
    kind: kindOf(event),
    text: describeEvent(event),
    line: reportLine(event),
  };
}

function actionsOf(events: readonly JournalEvent[]): ActionRecord[] {
  return events
    .filter((event) => event.type === 'action' || event.type === 'runbook.step')
    .map((event) => {
      const data = event.data;
      const row = rowOf(event);
      const string = (value: unknown) =>
        value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
      const record: ActionRecord = {
        at: row.at,
        actor: row.actor,
        kind: row.kind,
        label: eventLabel(event),
        text: typeof data.text === 'string' ? actionText(event, data.text) : eventLabel(event),
      };
      const sql = string(data.sql) ?? statementsOf(data);
      const command = string(data.command);
      const result = actionResultOf(event);
      if (sql) record.sql = sql;
      if (command) record.command = command;
      if (result) record.result = result;
      return record;
    });
}

/** The SQL an action ran when it journaled its statements rather than one `sql`. */
function statementsOf(data: Record<string, unknown>): string | undefined {
  const statements = data.statements;
  if (!Array.isArray(statements)) return undefined;
  const sql = statements.filter((statement) => typeof statement === 'string');
  return sql.length > 0 ? sql.join(';\n') : undefined;
}

const spanPairs: Record<string, string> = {
  'alert.raised': 'alert.cleared',
  'probe.outage': 'probe.recovered',
  'database.outage': 'database.recovered',
};

function spanKey(event: JournalEvent): string {
  const data = event.data;
  if (event.type.startsWith('alert.')) return `alert:${String(data.ruleId ?? data.text)}`;
  if (event.type.startsWith('probe.')) return `probe:${String(data.probeId ?? 'unknown')}`;
  return 'database';
}

function alertSpans(events: readonly JournalEvent[]): AlertSpan[] {
  const spans: AlertSpan[] = [];
  const open = new Map<string, AlertSpan>();
  const ends = new Set(Object.values(spanPairs));
  for (const event of events) {
    const key = spanKey(event);
    if (spanPairs[event.type]) {
      if (open.has(key)) continue;
      const span: AlertSpan = {key, text: describeEvent(event), raisedAt: occurredAtOf(event)};
      open.set(key, span);
      spans.push(span);
    } else if (ends.has(event.type)) {
      const span = open.get(key);
      if (span) {
        span.clearedAt = occurredAtOf(event);
        open.delete(key);
      }
    }
  }
  return spans;
}

function metricPeaks(events: readonly JournalEvent[]): ReportModel['metrics'] {
  const peaks: ReportModel['metrics'] = {};
  for (const event of events) {
    if (event.type !== 'metrics') continue;
    const series = event.data.series;
    if (typeof series !== 'object' || series === null) continue;
    for (const [name, value] of Object.entries(series)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const current = peaks[name];
      if (!current || value > current.peak) peaks[name] = {peak: value, at: occurredAtOf(event)};
    }
  }
  return peaks;
}

function notesByTag(events: readonly JournalEvent[]): Record<string, TimelineRow[]> {
  const byTag: Record<string, TimelineRow[]> = {};
  for (const event of events) {
    if (event.type !== 'note' || !Array.isArray(event.data.tags)) continue;
    for (const tag of event.data.tags) {
      if (typeof tag !== 'string') continue;
      const row = {
        ...rowOf(event),
        text: typeof event.data.text === 'string' ? event.data.text : '',
      };
      const list = byTag[tag] ?? [];
      list.push(row);
      byTag[tag] = list;
    }
  }
  return byTag;
}
