import {Text} from 'ink';
import {memo, useMemo, useState} from 'react';
import type {TimeZoneChoice} from '../../incidents/time-zone';
import type {TimelineEntry} from '../../store/slices/incident-slice';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {activeBindings, commandForKey, isPaneCommand} from '../keys';
import {useOverlayKeyQueue} from '../overlay-key-queue';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {usePaneKeys} from '../pane-keys';
import {useCockpit, useCockpitStore} from '../store-context';
import {colourOf} from '../theme';
import {useRetainedState} from '../use-retained-state';
import {windowLabel} from '../widgets/window-label';
import {SessionDetail} from './SessionDetail';
import {timelineDetailLines} from './timeline-detail';
import {
  filterEntries,
  formatTimelineRow,
  scrollTimeline,
  selectedOf,
  type TimelineScroll,
  toneOfKind,
  topOf,
  visibleWindow,
} from './timeline-view';

const detailOverlay = 'timeline.detail';

/**
 * The incident timeline in the order things happened: live, scrollable (`j`/`k`, PgUp/PgDn,
 * `g`/`G`), filtered with `f`, each row with date, time, elapsed time since the start, actor and
 * what happened, coloured by kind; Enter shows the selected event with all its data. Only the
 * visible rows are rendered, so 50,000 events cost what 30 do.
 */
export function TimelinePane({width, height, focused}: RegionProps) {
  const store = useCockpitStore();
  const timeline = useCockpit((state) => state.timeline);
  const start = useCockpit((state) => state.incident?.openedAt);
  const zone = useCockpit((state) => state.timeZone);
  const overlay = useCockpit((state) => state.ui.overlay);
  const readOnly = useCockpit((state) => state.ui.readOnly);
  const [scroll, currentScroll, setScroll] = useRetainedState<TimelineScroll>('timeline.scroll', {
    filter: 'all',
    top: undefined,
  });
  const [detail, setDetail] = useState<TimelineEntry>();
  const entries = useMemo(() => filterEntries(timeline, scroll.filter), [timeline, scroll.filter]);
  const rows = Math.max(0, height - 2);
  const bindings = useMemo(() => activeBindings(readOnly), [readOnly]);
  const detailKeys = useOverlayKeyQueue();

  usePaneKeys('timeline', focused, (keyNames) => {
    const before = currentScroll();
    let next = before;
    let used = keyNames.length;
    for (const [index, keyName] of keyNames.entries()) {
      // A key earlier in this chunk opened the detail: the rest is the detail's.
      if (store.getState().ui.overlay !== undefined) {
        if (store.getState().ui.overlay === detailOverlay) detailKeys.hold(keyNames.slice(index));
        break;
      }
      const command = commandForKey(keyName, 'timeline', bindings);
      // Not the timeline's (a focus key, `:`): the screen takes it and what follows.
      if (!isPaneCommand(command, 'timeline', bindings)) {
        used = index;
        break;
      }
      const shown = filterEntries(timeline, next.filter);
      if (command === 'timeline.detail') {
        const entry = shown[selectedOf(next, shown.length)];
        if (entry) {
          setDetail(entry);
          store.getState().updateUi({overlay: detailOverlay});
        }
        continue;
      }
      next = scrollTimeline(next, command, {total: shown.length, height: rows, key: keyName});
    }
    if (next !== before) setScroll(next);
    return used;
  });

  const top = topOf(scroll, entries.length, rows);
  const visible = visibleWindow(entries, top, rows);
  const selected = selectedOf(scroll, entries.length);
  const zoneName = zone === 'utc' ? 'UTC' : 'local time';
  const title = `Timeline · ${zoneName}${scroll.filter === 'all' ? '' : ` · ${scroll.filter}`}`;
  const status =
    scroll.top === undefined
      ? {text: `${entries.length} · live`, tone: 'text.muted' as const}
      : {
          text: windowLabel(top, visible.length, entries.length),
          tone: 'status.warn' as const,
        };
  if (overlay === detailOverlay && detail) {
    return (
      <PaneFrame title={title} status={status} width={width} height={height} focused={focused}>
        <SessionDetail
          title={sanitizeTerminalText(`${detail.kind} · ${detail.actor}`, {maxLength: 100})}
          lines={timelineDetailLines(detail, {zone, width: Math.max(10, width - 4)})}
          width={Math.max(1, width - 4)}
          height={rows}
          onClose={() => store.getState().updateUi({overlay: undefined})}
          takeTypedKeys={detailKeys.take}
        />
      </PaneFrame>
    );
  }
  return (
    <PaneFrame title={title} status={status} width={width} height={height} focused={focused}>
      {visible.length === 0 ? (
        <Text color={colourOf('text.muted')} wrap="truncate-end">
          {scroll.filter === 'all'
            ? 'Nothing has happened yet.'
            : `No ${scroll.filter} yet (f changes the filter).`}
        </Text>
      ) : (
        visible.map((entry, index) => (
          <TimelineRow
            key={entry.id}
            entry={entry}
            start={start}
            zone={zone}
            width={width - 4}
            selected={focused && top + index === selected}
          />
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
  selected: boolean;
}) {
  const row = formatTimelineRow(props.entry, props);
  return (
    <Text wrap="truncate-end" inverse={props.selected}>
      <Text color={colourOf('text.muted')}>{row.prefix}</Text>
      <Text color={colourOf(toneOfKind(props.entry.kind))}>{row.text}</Text>
    </Text>
  );
});
