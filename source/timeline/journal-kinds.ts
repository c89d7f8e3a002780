import {tagsOf} from '../incidents/note-input';
import {type EventInput, isReportedEventType, type KnownEventType} from '../journal/journal-event';
import type {TimelineEventInput} from './timeline-sink';

/**
 * Maps what the cockpit reports to the timeline (`{kind, text, data}`) to a journal event:
 * - `alert.*`, `probe.*`, `database.*`, `viewer.*`: the same type;
 * - `action.<name>` (`action.terminate`, `action.stop-campaign`, …): type `action`, `data.action`;
 * - `runbook.step.<state>` (started, done, skipped, failed, run): type `runbook.step`, `data.state`;
 * - `note`: a note, its tags read from `#words` in the text and `data.tags`;
 * - anything else: type `event` with `data.kind`, so nothing reported is ever dropped.
 * `text` is stored as `data.text`; `actor`, when given, as `data.by`.
 */
export function eventInputOf(input: TimelineEventInput): EventInput {
  const data: Record<string, unknown> = {...input.data, text: input.text};
  if (input.actor) data.by = input.actor;
  const kind = input.kind;
  const typed = (type: KnownEventType, extra: Record<string, unknown> = {}): EventInput => ({
    type,
    // The kind decides `action` and `state`: a caller's field of that name must not double it.
    data: {...data, ...extra},
  });
  if (isReportedEventType(kind)) return typed(kind);
  if (kind.startsWith('action.')) return typed('action', {action: kind.slice('action.'.length)});
  if (kind.startsWith('runbook.step.'))
    return typed('runbook.step', {state: kind.slice('runbook.step.'.length)});
  if (kind === 'note') {
    const extra = Array.isArray(input.data?.tags) ? (input.data.tags as string[]) : [];
    return {type: 'note', data: {...data, tags: tagsOf(input.text, extra)}};
  }
  return typed('event', {kind});
}
