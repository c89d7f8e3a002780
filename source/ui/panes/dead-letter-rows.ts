import type {DeadLetterSnapshot} from '../../probes/dlq/dlq-probe';
import {formatAge, formatDuration, groupDigits} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {Tone} from '../theme';
import type {TableRow} from '../widgets/DataTable';
import type {Column} from '../widgets/data-table-layout';

type Available = Extract<DeadLetterSnapshot, {available: true}>;

/** What the dead-letter table lists: error classes, or recent messages. */
export type DeadLetterView = 'classes' | 'messages';

const clean = (text: string, maxLength = 200) => sanitizeTerminalText(text, {maxLength});
// The server's clock may run a little ahead of ours: a just-arrived message is 0s old, not "–".
const ageOf = (iso: string, now: number) => formatAge(Math.max(0, (now - Date.parse(iso)) / 1000));
const rate = (value: number | null) => (value === null ? '–' : value.toFixed(1));

/** The summary line: depth, arrivals and removals per minute, oldest message age. */
export function deadLetterSummary(snapshot: Available, now: number): {text: string; tone: Tone} {
  const depth = `${snapshot.depthIsEstimate ? '~' : ''}${groupDigits(snapshot.depth)}`;
  const depthSaid = snapshot.depthIsEstimate
    ? ' (estimate)'
    : snapshot.depthCountedAt === null
      ? ''
      : ` (counted ${formatAge(Math.max(0, (now - snapshot.depthCountedAt) / 1000))} ago)`;
  const oldest =
    snapshot.oldestAgeSeconds === null
      ? ''
      : `  oldest ${formatDuration(snapshot.oldestAgeSeconds)}`;
  const growing = snapshot.arrivalsPerMinute - (snapshot.removalsPerMinute ?? 0);
  const tone: Tone =
    snapshot.depth === 0 ? 'status.ok' : growing > 0 ? 'status.warn' : 'text.accent';
  return {
    text: `depth ${depth}${depthSaid}  in ${rate(snapshot.arrivalsPerMinute)}/min  out ${rate(snapshot.removalsPerMinute)}/min${oldest}`,
    tone,
  };
}

/** Columns of the error-class view. */
export const deadLetterClassColumns: readonly Column[] = [
  {key: 'count', title: 'Count', width: 6, align: 'right'},
  {key: 'source', title: 'Source', width: 16, priority: 2},
  {key: 'errorClass', title: 'Error class (last hour)', width: 20, grow: true},
  {key: 'last', title: 'Last', width: 6, align: 'right', priority: 1},
];

/** Columns of the recent-messages view. */
export const deadLetterMessageColumns: readonly Column[] = [
  {key: 'age', title: 'Age', width: 6, align: 'right'},
  {key: 'id', title: 'Id', width: 8, priority: 3},
  {key: 'source', title: 'Source', width: 14, priority: 2},
  {key: 'error', title: 'Error', width: 24},
  {key: 'payload', title: 'Payload', width: 16, grow: true, priority: 1},
];

/** The rows of the chosen view; every cell sanitised. */
export function deadLetterRows(snapshot: Available, view: DeadLetterView, now: number): TableRow[] {
  if (view === 'classes') {
    return snapshot.classes.map((group) => ({
      id: group.key,
      cells: {
        count: String(group.count),
        source: clean(group.source, 60),
        errorClass: clean(group.errorClass, 80),
        last: ageOf(group.lastAt, now),
      },
    }));
  }
  return snapshot.recent.map((message) => ({
    id: message.id,
    cells: {
      age: ageOf(message.createdAt, now),
      id: clean(message.id, 40),
      source: clean(message.source, 60),
      error: clean(message.error),
      payload:
        message.payloadBytes !== null && message.payloadBytes > 4096
          ? `[${Math.round(message.payloadBytes / 1024)} KB] ${clean(message.payloadSummary)}`
          : clean(message.payloadSummary),
    },
  }));
}
