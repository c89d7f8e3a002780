import {categoryOf} from '../../incidents/describe-event';
import {
  formatDate,
  formatElapsed,
  formatTime,
  type TimeZoneChoice,
} from '../../incidents/time-zone';
import type {TimelineEntry} from '../../store/slices/incident-slice';
import {fitToWidth} from '../../text/format';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import type {Tone} from '../theme';

/** What the timeline can be narrowed to, in the order `f` cycles through. */
export const timelineFilters = ['all', 'alerts', 'actions', 'notes', 'steps'] as const;
export type TimelineFilter = (typeof timelineFilters)[number];

/**
 * Where the operator is: the filter, the first row shown and the selected row (both undefined:
 * follow the newest, which is then the one selected).
 */
export type TimelineScroll = {
  filter: TimelineFilter;
  top: number | undefined;
  selected?: number | undefined;
};

/** The entries a filter keeps; `all` returns the same array (no copy of 50,000 entries). */
export function filterEntries(
  entries: readonly TimelineEntry[],
  filter: TimelineFilter,
): readonly TimelineEntry[] {
  if (filter === 'all') return entries;
  return entries.filter((entry) => categoryOf(entry.kind) === filter);
}

/** The first row to show for a scroll position, clamped to the entries. */
export function topOf(scroll: TimelineScroll, total: number, height: number): number {
  const last = Math.max(0, total - height);
  return scroll.top === undefined ? last : Math.max(0, Math.min(scroll.top, last));
}

/** The selected row: the newest while following, else the one the operator moved to. */
export function selectedOf(scroll: TimelineScroll, total: number): number {
  const last = Math.max(0, total - 1);
  return scroll.selected === undefined ? last : Math.max(0, Math.min(scroll.selected, last));
}

/** Only the rows that fit: rendering stays as cheap with 50,000 events as with 50. */
export function visibleWindow<T>(entries: readonly T[], top: number, height: number): T[] {
  return entries.slice(top, top + Math.max(0, height));
}

/**
 * The scroll position after a `timeline.*` command. Pure: tested without Ink. `k`/`j` move the
 * selection a row (PgUp/PgDn a page) and the window follows it; reaching the newest row
 * follows the newest again.
 */
export function scrollTimeline(
  scroll: TimelineScroll,
  command: string,
  view: {total: number; height: number; key?: string},
): TimelineScroll {
  const height = Math.max(1, view.height);
  const top = topOf(scroll, view.total, height);
  const selected = selectedOf(scroll, view.total);
  const last = Math.max(0, view.total - 1);
  const page = view.key === 'pageup' || view.key === 'pagedown' ? Math.max(1, height - 1) : 1;
  const select = (next: number): TimelineScroll => {
    if (next >= last) return {...scroll, top: undefined, selected: undefined};
    const row = Math.max(0, next);
    const shownTop = Math.min(Math.max(top, row - height + 1), row);
    return {...scroll, top: shownTop, selected: row};
  };
  switch (command) {
    case 'timeline.filter': {
      const index = timelineFilters.indexOf(scroll.filter);
      return {
        filter: timelineFilters[(index + 1) % timelineFilters.length]!,
        top: undefined,
        selected: undefined,
      };
    }
    case 'timeline.older':
      return select(selected - page);
    case 'timeline.newer':
      return select(selected + page);
    case 'timeline.oldest':
      return view.total <= 1 ? scroll : {...scroll, top: 0, selected: 0};
    case 'timeline.live':
      return {...scroll, top: undefined, selected: undefined};
    default:
      return scroll;
  }
}

/** The colour of an entry by what kind of thing happened. */
export function toneOfKind(kind: string): Tone | undefined {
  if (/^(alert\.raised|probe\.outage|database\.outage)$/.test(kind)) return 'status.critical';
  if (/^(alert\.cleared|probe\.recovered|database\.recovered)$/.test(kind)) return 'status.ok';
  if (/\.failed$/.test(kind)) return 'status.critical';
  switch (categoryOf(kind)) {
    case 'actions':
      return 'status.warn';
    case 'notes':
      return 'text.accent';
    case 'steps':
      return 'status.ok';
    default:
      return kind === 'metrics' ? 'text.muted' : undefined;
  }
}

/**
 * One row as fixed-width columns: date and time in the chosen zone (incidents cross midnight),
 * elapsed since the incident started, actor, then the text (sanitised, cut to the width). Narrow
 * panes drop the actor first, then the elapsed time; never the date.
 */
export function formatTimelineRow(
  entry: TimelineEntry,
  options: {start: number | undefined; zone: TimeZoneChoice; width: number},
): {prefix: string; text: string} {
  const {start, zone, width} = options;
  const date = `${formatDate(entry.at, zone).slice(5)} `;
  const elapsed =
    start === undefined || width < 40
      ? ''
      : `${fitToWidth(formatElapsed(entry.at, start), 10, 'right')} `;
  const actor = width >= 70 ? `${fitToWidth(sanitizeTerminalText(entry.actor), 12)} ` : '';
  const backdated =
    entry.writtenAt === undefined ? '' : `(noted ${formatTime(entry.writtenAt, zone)}) `;
  const prefix = `${date}${formatTime(entry.at, zone)} ${elapsed}${actor}`;
  const text = sanitizeTerminalText(`${backdated}${entry.text}`, {
    maxLength: Math.max(1, width * 2),
  });
  return {prefix, text};
}
