import {Text, useInput} from 'ink';
import {memo, useMemo} from 'react';
import type {TimeZoneChoice} from '../../incidents/time-zone';
import type {TimelineEntry} from '../../store/slices/incident-slice';
import {activeBindings, commandForKey, keyNamesOf} from '../keys';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {useCockpit} from '../store-context';
import {colourOf} from '../theme';
import {useLatestState} from '../use-latest-state';
import {
  filterEntries,
  formatTimelineRow,
  scrollTimeline,
  type TimelineScroll,
  toneOfKind,
  topOf,
  visibleWindow,
} from './timeline-view';

/**
 * The incident timeline: live, scrollable (`j`/`k`, PgUp/PgDn, `g`/`G`), filtered with `f`,
 * each row with date, time, elapsed time since the start, actor and what happened, coloured by
 * kind. Only the visible rows are rendered, so 50,000 events cost what 30 do.
 */
export function TimelinePane({width, height, focused}: RegionProps) {
  const timeline = useCockpit((state) => state.timeline);
  const start = useCockpit((state) => state.incident?.openedAt);
  const zone = useCockpit((state) => state.timeZone);
  const overlay = useCockpit((state) => state.ui.overlay);
  const readOnly = useCockpit((state) => state.ui.readOnly);
  const [scroll, currentScroll, setScroll] = useLatestState<TimelineScroll>({
    filter: 'all',
    top: undefined,
  });
  const entries = useMemo(() => filterEntries(timeline, scroll.filter), [timeline, scroll.filter]);
  const rows = Math.max(0, height - 2);
  const bindings = useMemo(() => activeBindings(readOnly), [readOnly]);

  useInput(
    (input, key) => {
      const before = currentScroll();
      let next = before;
      for (const keyName of keyNamesOf(input, key)) {
        const command = commandForKey(keyName, 'timeline', bindings);
        if (!command?.startsWith('timeline.')) continue;
        const total = filterEntries(timeline, next.filter).length;
        next = scrollTimeline(next, command, {total, height: rows, key: keyName});
      }
      if (next !== before) setScroll(next);
    },
    {isActive: focused && overlay === undefined},
  );

  const top = topOf(scroll, entries.length, rows);
  const visible = visibleWindow(entries, top, rows);
  const zoneName = zone === 'utc' ? 'UTC' : 'local time';
  const title = `Timeline · ${zoneName}${scroll.filter === 'all' ? '' : ` · ${scroll.filter}`}`;
  const status =
    scroll.top === undefined
      ? {text: `${entries.length} · live`, tone: 'text.muted' as const}
      : {
          text: `${top + 1}–${top + visible.length} of ${entries.length}`,
          tone: 'status.warn' as const,
        };
  return (
    <PaneFrame title={title} status={status} width={width} height={height} focused={focused}>
      {visible.length === 0 ? (
        <Text color={colourOf('text.muted')} wrap="truncate-end">
          {scroll.filter === 'all'
            ? 'Nothing has happened yet.'
            : `No ${scroll.filter} yet (f changes the filter).`}
        </Text>
      ) : (
        visible.map((entry) => (
          <TimelineRow key={entry.id} entry={entry} start={start} zone={zone} width={width - 4} />
        ))
      )}
    </PaneFrame>
  );
}

const TimelineRow = memo(function TimelineRow(props: {
  entry: TimelineEntry;
  start: number | undefined;
  zone: TimeZoneChoice;
  width: number;
}) {
  const row = formatTimelineRow(props.entry, props);
  return (
    <Text wrap="truncate-end">
      <Text color={colourOf('text.muted')}>{row.prefix}</Text>
      <Text color={colourOf(toneOfKind(props.entry.kind))}>{row.text}</Text>
    </Text>
  );
});
