import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import {connectionSaturation} from '../../alerts/database-rules';
import {
  type ConnectionsSnapshot,
  connectionsProbe,
  groupDimensions,
} from '../../probes/connections/connections-probe';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {useCockpit, useCockpitStore} from '../store-context';
import {colourOf, toneOfRatio} from '../theme';
import {useProbeStatus} from '../use-probe-status';
import {bar} from '../widgets/bar';
import {DataTable} from '../widgets/DataTable';
import {ProbeErrorLine} from '../widgets/ProbeErrorLine';
import {bucketSamples, sparkline} from '../widgets/sparkline';
import {
  groupLine,
  idleSummary,
  sessionColumns,
  sessionRows,
  sortKeys,
  stateBreakdown,
} from './connections-rows';
import {FilterLine} from './FilterLine';
import {useSessionPane} from './use-session-pane';

const filterOverlay = 'connections.filter';

/**
 * Connections against the usable limit (number, bar, 15-minute sparkline), by state, grouped by
 * a dimension `g` cycles through, then idle-in-transaction sessions (always) and the long-running
 * queries and oldest transactions, sortable (`s`) and filterable (`/`).
 */
export function ConnectionsPane({width, height, focused}: RegionProps) {
  const store = useCockpitStore();
  const {state, status} = useProbeStatus(connectionsProbe.id, connectionsProbe.intervalMs);
  const history = useCockpit((cockpit) => cockpit.history['connections.total']);
  const overlay = useCockpit((cockpit) => cockpit.ui.overlay);
  const snapshot = state?.data;
  const [view, setView] = useState({dimension: 0, sort: 0, filter: ''});
  const inner = Math.max(1, width - 4);
  const innerHeight = Math.max(1, height - 2);
  const dimension = groupDimensions[view.dimension % groupDimensions.length]!;
  const sortKey = sortKeys[view.sort % sortKeys.length]!;
  const rows = useMemo(
    () => (snapshot ? sessionRows(snapshot, {sortKey, filter: view.filter}) : []),
    [snapshot, sortKey, view.filter],
  );
  const filtering = overlay === filterOverlay;
  const compact = innerHeight < 14;
  const summaryHeight = snapshot ? (compact ? 3 : 5) + (idleSummary(snapshot) ? 1 : 0) : 0;
  const tableHeight = Math.max(
    2,
    innerHeight - summaryHeight - (state?.error ? 1 : 0) - (filtering || view.filter ? 1 : 0),
  );
  const pane = useSessionPane({
    paneId: 'connections',
    rows,
    focused,
    pageSize: tableHeight - 1,
    width: inner,
    height: innerHeight,
    onCommand: (command) => {
      if (command === 'connections.groupBy') setView((v) => ({...v, dimension: v.dimension + 1}));
      if (command === 'connections.sort') {
        const next = sortKeys[(view.sort + 1) % sortKeys.length];
        setView((v) => ({...v, sort: v.sort + 1}));
        store.getState().updateUi({message: `sessions sorted by ${next}`});
      }
      if (command === 'connections.filter') store.getState().updateUi({overlay: filterOverlay});
      return undefined;
    },
  });
  return (
    <PaneFrame title="Connections" status={status} width={width} height={height} focused={focused}>
      {pane.overlayBody ?? (
        <Box flexDirection="column" width={inner} height={innerHeight} overflow="hidden">
          <ProbeErrorLine error={state?.error} />
          {snapshot ? (
            <ConnectionsSummary
              snapshot={snapshot}
              history={history ?? []}
              width={inner}
              compact={compact}
              groups={groupLine(snapshot, dimension)}
            />
          ) : null}
          {snapshot ? (
            <DataTable
              columns={sessionColumns}
              rows={rows}
              width={inner}
              height={tableHeight}
              selectedIndex={pane.selectedIndex}
              marked={pane.marked}
              active={focused}
              emptyText={
                view.filter
                  ? 'no session matches the filter'
                  : 'no long-running query or open transaction'
              }
            />
          ) : null}
          {filtering ? (
            <FilterLine
              value={view.filter}
              onChange={(filter) => setView((v) => ({...v, filter}))}
              onDone={(keep) => {
                if (!keep) setView((v) => ({...v, filter: ''}));
                store.getState().updateUi({overlay: undefined});
              }}
            />
          ) : view.filter ? (
            <Text color={colourOf('text.muted')} wrap="truncate-end">
              {`filter: ${sanitizeTerminalText(view.filter)} (/ to change, Esc in it clears) · sort: ${sortKey}`}
            </Text>
          ) : null}
        </Box>
      )}
    </PaneFrame>
  );
}

function ConnectionsSummary(props: {
  snapshot: ConnectionsSnapshot;
  history: ReadonlyArray<{at: number; value: number}>;
  width: number;
  compact: boolean;
  groups: string;
}) {
  const {snapshot, history, width, compact} = props;
  const usable = Math.max(1, snapshot.max - snapshot.reserved);
  const ratio = snapshot.total / usable;
  const tone = toneOfRatio(ratio, connectionSaturation);
  // One sample per second over 15 minutes, squeezed to the width available.
  const bucketMs = Math.max(1000, Math.ceil((15 * 60 * 1000) / Math.max(1, width - 6)));
  const idle = idleSummary(snapshot);
  const percent = Math.round(ratio * 100);
  const label = compact
    ? ` (${percent}%, max ${snapshot.max} − ${snapshot.reserved} reserved) `
    : ` (${percent}% of max_connections ${snapshot.max} − ${snapshot.reserved} reserved) `;
  const spare = Math.max(0, width - `${snapshot.total}/${usable}`.length - label.length);
  const barWidth = Math.min(16, Math.floor(spare / 3));
  const states = stateBreakdown(snapshot.byState);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={colourOf(tone)}>{`${snapshot.total}/${usable}`}</Text>
        <Text color={colourOf('text.muted')}>{label}</Text>
        {compact ? (
          // Short panes keep the bar and the 15-minute sparkline on the count's line.
          <Text color={colourOf(tone)}>
            {`${bar(ratio, barWidth)} 15m ${sparkline(bucketSamples(history, bucketMs), Math.max(0, spare - barWidth - 5), usable)}`}
          </Text>
        ) : null}
      </Text>
      {compact ? null : (
        <Text color={colourOf(tone)} wrap="truncate-end">
          {bar(ratio, width)}
        </Text>
      )}
      {compact ? null : (
        <Text wrap="truncate-end">
          <Text color={colourOf('text.muted')}>15m </Text>
          <Text color={colourOf(tone)}>
            {sparkline(bucketSamples(history, bucketMs), width - 4, usable)}
          </Text>
        </Text>
      )}
      <Text wrap="truncate-end">
        {states.map((state, index) => (
          <Text key={state.text} color={colourOf(state.warn ? 'status.warn' : undefined)}>
            {`${index > 0 ? ' · ' : ''}${state.text}`}
          </Text>
        ))}
      </Text>
      <Text color={colourOf('text.muted')} wrap="truncate-end">
        {props.groups}
      </Text>
      {idle ? (
        <Text color={colourOf('status.warn')} wrap="truncate-end">
          {idle}
        </Text>
      ) : null}
    </Box>
  );
}
