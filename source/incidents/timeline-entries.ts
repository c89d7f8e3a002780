import type {JournalEvent} from '../journal/journal-event';
import type {TimelineEntry} from '../store/slices/incident-slice';
import {describeEvent, kindOf, occurredAtOf} from './describe-event';

/** The timeline line for a journal event (text still raw: the pane sanitises it). */
export function timelineEntryOf(event: JournalEvent): TimelineEntry {
  const at = occurredAtOf(event);
  const written = Date.parse(event.at);
  const entry: TimelineEntry = {
    id: `seq-${event.seq}`,
    at,
    kind: kindOf(event),
    actor:
      event.actor.source === 'cockpit'
        ? event.actor.user
        : `${event.actor.user} (${event.actor.source})`,
    text: describeEvent(event),
    data: event.data,
  };
  if (at !== written) entry.writtenAt = written;
  return entry;
}
