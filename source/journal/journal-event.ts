/** Version of the event format this build writes. */
export const journalFormatVersion = 1;

/**
 * Every event type this version understands, the one list of them (others are kept and reported
 * as unknown). `reported` types are also the timeline kinds the cockpit reports under the same
 * name; `written` types come from incident commands, or from a timeline kind's prefix
 * (`action.*`, `runbook.step.*`) or catch-all (`event`).
 */
export const eventTypeOrigins = {
  opened: 'written',
  'severity.changed': 'written',
  'status.changed': 'written',
  'role.assigned': 'written',
  'impact.set': 'written',
  milestone: 'written',
  note: 'written',
  'alert.raised': 'reported',
  'alert.cleared': 'reported',
  'alert.escalated': 'reported',
  'alert.deescalated': 'reported',
  'probe.outage': 'reported',
  'probe.recovered': 'reported',
  'database.outage': 'reported',
  'database.recovered': 'reported',
  'runbook.step': 'written',
  action: 'written',
  'viewer.joined': 'reported',
  'viewer.left': 'reported',
  metrics: 'reported',
  event: 'written',
  closed: 'written',
} as const satisfies Record<string, 'written' | 'reported'>;

export type KnownEventType = keyof typeof eventTypeOrigins;

/** The known event types, in the order of {@link eventTypeOrigins}. */
export const knownEventTypes = Object.keys(eventTypeOrigins) as KnownEventType[];

/** Whether `kind`, reported to the timeline, is journaled as an event type of the same name. */
export function isReportedEventType(kind: string): kind is KnownEventType {
  return (
    Object.hasOwn(eventTypeOrigins, kind) && eventTypeOrigins[kind as KnownEventType] === 'reported'
  );
}

/** Who wrote an event: the operating-system user, and through which program. */
export type EventActor = {user: string; source: 'cockpit' | 'note' | 'viewer' | (string & {})};

/** One line of the journal. */
export type JournalEvent = {
  /** Format version of the writer. */
  v: number;
  /** Position in the journal, 1 for `opened`; assigned under the journal lock. */
  seq: number;
  /** When it was written, UTC ISO 8601. */
  at: string;
  actor: EventActor;
  type: KnownEventType | (string & {});
  data: Record<string, unknown>;
};

/** An event before the journal numbers, dates and signs it. */
export type EventInput = {
  type: KnownEventType;
  data: Record<string, unknown>;
  actor?: EventActor;
};

/** The outcome of reading one complete line. */
export type ParsedLine = {event?: JournalEvent; warning?: string};

const knownTypes = new Set<string>(knownEventTypes);

/** Parses one complete journal line; never throws. Unknown types are kept with a warning. */
export function parseJournalLine(text: string, lineNumber: number): ParsedLine {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {warning: `line ${lineNumber}: not valid JSON (a torn write?), skipped`};
  }
  if (!isEventShape(value)) {
    return {warning: `line ${lineNumber}: not a journal event, skipped`};
  }
  if (!knownTypes.has(value.type) || value.v > journalFormatVersion) {
    return {
      event: value,
      warning: `line ${lineNumber}: unknown event type "${value.type}" (v${value.v}, written by a newer version?), kept`,
    };
  }
  return {event: value};
}

function isEventShape(value: unknown): value is JournalEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  const actor = event.actor as Record<string, unknown> | null;
  return (
    typeof event.v === 'number' &&
    typeof event.seq === 'number' &&
    typeof event.at === 'string' &&
    !Number.isNaN(Date.parse(event.at)) &&
    typeof event.type === 'string' &&
    typeof event.data === 'object' &&
    event.data !== null &&
    typeof actor === 'object' &&
    actor !== null &&
    typeof actor.user === 'string'
  );
}

/** The line written for `event`: the key order is fixed so the same event is the same bytes. */
export function serializeEvent(event: JournalEvent): string {
  const {v, seq, at, actor, type, data} = event;
  return `${JSON.stringify({v, seq, at, actor: {user: actor.user, source: actor.source}, type, data})}\n`;
}
