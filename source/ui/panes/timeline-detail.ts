import {formatTimestamp, type TimeZoneChoice} from '../../incidents/time-zone';
import {kindLabel} from '../../report/event-labels';
import type {TimelineEntry} from '../../store/slices/incident-slice';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {wrapToWidth} from './session-detail';

// Fields shown under their own heading, in this order; the rest follow by name.
const namedFields: ReadonlyArray<[key: string, label: string]> = [
  ['sql', 'SQL'],
  ['statements', 'Statements'],
  ['command', 'Command'],
  ['outcome', 'Outcome'],
  ['result', 'Result'],
  ['rowCounts', 'Rows changed'],
  ['rows', 'Rows'],
  ['error', 'Error'],
  ['reason', 'Reason'],
];

// Already shown above the fields, or only bookkeeping of the journal.
const shownElsewhere = new Set(['text', 'occurredAt']);

const clean = (text: string) => sanitizeTerminalText(text, {multiline: true, maxLength: 100_000});

function valueText(key: string, value: unknown): string {
  if (key === 'rowCounts' && Array.isArray(value)) {
    const counts = value.filter((count): count is number => typeof count === 'number');
    const total = counts.reduce((sum, count) => sum + count, 0);
    return counts.length > 1 ? `${total} (${counts.join(' + ')} by statement)` : String(total);
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return value.join('\n');
  return JSON.stringify(value, null, 2) ?? String(value);
}

/**
 * Everything about one timeline event, sanitised and wrapped to `width`: what it was, when it
 * happened and when it was written, who wrote it, what it said, then all the data it carries
 * (SQL, outcome, rows changed, …) — the timeline row shows only its first line.
 */
export function timelineDetailLines(
  entry: TimelineEntry,
  options: {zone: TimeZoneChoice; width: number},
): string[] {
  const {zone, width} = options;
  const written = entry.writtenAt ?? entry.at;
  const header = [
    `What:      ${kindLabel(entry.kind)} (${entry.kind})`,
    `Happened:  ${formatTimestamp(entry.at, zone)}`,
    `Written:   ${formatTimestamp(written, zone)}${entry.writtenAt === undefined ? '' : ' (back-dated)'}`,
    `By:        ${entry.actor}`,
  ];
  if (entry.id.startsWith('seq-')) header.push(`Journal:   event ${entry.id.slice(4)}`);
  const lines = [...header, '', entry.text];
  const data = entry.data ?? {};
  const keys = [
    ...namedFields.filter(([key]) => key in data),
    ...Object.keys(data)
      .filter((key) => !shownElsewhere.has(key) && !namedFields.some(([named]) => named === key))
      .sort()
      .map((key): [string, string] => [key, key]),
  ];
  for (const [key, label] of keys) {
    const text = valueText(key, data[key]);
    if (text.includes('\n') || text.length > 60) lines.push('', `${label}:`, text);
    else lines.push(`${label}: ${text}`);
  }
  return lines.flatMap((line) => wrapToWidth(clean(line), Math.max(10, width)));
}
