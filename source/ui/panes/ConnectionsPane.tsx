import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import {idleSessionsOlderThan, idleSweepRequest} from '../../actions/idle-session-sweep';
import {labelGroupKey} from '../../probes/connections/client-roles';
import {
  type ConnectionsSnapshot,
  connectionsProbe,
  groupDimensions,
} from '../../probes/connections/connections-probe';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {useCockpit, useCockpitStore} from '../store-context';
import {colourOf} from '../theme';
import {useProbeStatus} from '../use-probe-status';
import {useRetainedState} from '../use-retained-state';
import {DataTable, useTableWindow} from '../widgets/DataTable';
import {ProbeErrorLine} from '../widgets/ProbeErrorLine';
import {TextPrompt} from '../widgets/TextPrompt';
import {windowLabel} from '../widgets/window-label';
import {ConnectionsGauge} from './ConnectionsGauge';
import {
  dimensionTitles,
  type GroupedRow,
  groupColumns,
  groupedRows,
  groupLine,
  idleSummary,
  sessionColumns,
  sessionRows,
  showsIdleAge,
  sortKeys,
  stateBreakdown,
  withSortIndicator,
} from './connections-rows';
import {editFilter, FilterLine} from './FilterLine';
import {useSessionPane} from './use-session-pane';

const filterOverlay = 'connections.filter';
const sweepOverlay = 'connections.sweep';
/** Idle minutes a group sweep (`K` on a group row) proposes when the prompt is left empty. */
const defaultSweepMinutes = 10;

/** How the table is shown: grouping 0 lists sessions, 1… groups by `groupDimensions[grouping - 1]`. */
type ConnectionsView = {
  grouping: number;
  sort: number;
  filter: string;
  expanded: ReadonlySet<string>;
};

function dimensionOf(view: ConnectionsView) {
  return view.grouping === 0
    ? undefined
    : groupDimensions[(view.grouping - 1) % groupDimensions.length];
}

function rowsFor(snapshot: ConnectionsSnapshot, view: ConnectionsView): GroupedRow[] {
  const dimension = dimensionOf(view);
  const sortKey = sortKeys[view.sort % sortKeys.length]!;
  if (!dimension) return sessionRows(snapshot, {sortKey, filter: view.filter});
  return groupedRows(snapshot, {dimension, expanded: view.expanded, sortKey, filter: view.filter});
}

/**
 * Every client session (idle ones with their idle age), sorted (`s`) and filtered (`/`) as one
 * list, or grouped (`g`) by application, user, client, database or wait event type with counts
 * by state, groups opened with Enter. Above it the usage gauge against max_connections.
 */
export function ConnectionsPane({width, height, focused}: RegionProps) {
  const store = useCockpitStore();
  const {state, status} = useProbeStatus(connectionsProbe.id, connectionsProbe.intervalMs);
  const history = useCockpit((cockpit) => cockpit.history['connections.total']);
  const overlay = useCockpit((cockpit) => cockpit.ui.overlay);
  const snapshot = state?.data;
  const [view, currentView, setView] = useRetainedState<ConnectionsView>('connections.view', {
    grouping: 0,
    sort: 0,
    filter: '',
    expanded: new Set<string>(),
  });
  const [sweepGroup, setSweepGroup] = useState<GroupedRow>();
  const inner = Math.max(1, width - 4);
  const innerHeight = Math.max(1, height - 2);
  const dimension = dimensionOf(view);
  const sortKey = sortKeys[view.sort % sortKeys.length]!;
  const rows: GroupedRow[] = useMemo(
    () => (snapshot ? rowsFor(snapshot, view) : []),
    [snapshot, view],
  );
  const filtering = overlay === filterOverlay;
  const sweeping = overlay === sweepOverlay && sweepGroup !== undefined;
  const idle = snapshot ? idleSummary(snapshot) : undefined;
  // The gauge line, the states line, then the group line when there is room for it.
  const summaryHeight = snapshot ? (innerHeight >= 12 && !dimension ? 3 : 2) : 0;
  const tableHeight = Math.max(
    2,
    innerHeight -
      summaryHeight -
      (state?.error ? 1 : 0) -
      (filtering || sweeping || view.filter ? 1 : 0),
  );
  // The next key of the same chunk may come before the render: it must see this view.
  const updateView = (patch: Partial<ConnectionsView>) => {
    setView({...currentView(), ...patch});
  };
  const setFilter = (filter: string, done?: 'keep' | 'clear') => {
    updateView({filter});
    if (done) store.getState().updateUi({overlay: undefined});
  };
  const pane = useSessionPane({
    paneId: 'connections',
    rows,
    currentRows: () =>
      currentView() === view || !snapshot ? rows : rowsFor(snapshot, currentView()),
    focused,
    pageSize: tableHeight - 1,
    width: inner,
    height: innerHeight,
    onOverlayKeys: (keyNames) => {
      if (store.getState().ui.overlay !== filterOverlay) return false;
      const edit = editFilter(currentView().filter, keyNames);
      setFilter(edit.value, edit.done);
      return true;
    },
    onCommand: (command, selected) => {
      if (command === 'connections.groupBy') {
        const grouping = (currentView().grouping + 1) % (groupDimensions.length + 1);
        updateView({grouping, expanded: new Set()});
        const next = grouping === 0 ? undefined : groupDimensions[grouping - 1]!;
        store.getState().updateUi({
          message: next
            ? `sessions grouped by ${dimensionTitles[next]} (Enter opens a group, g groups differently)`
            : 'every session listed (g groups them)',
        });
      }
      if (command === 'connections.sort') {
        const next = sortKeys[(currentView().sort + 1) % sortKeys.length];
        updateView({sort: currentView().sort + 1});
        store.getState().updateUi({message: `sessions sorted by ${next}`});
      }
      if (command === 'connections.filter') store.getState().updateUi({overlay: filterOverlay});
      if (command === 'session.detail' && selected?.group) {
        const expanded = new Set(currentView().expanded);
        if (expanded.has(selected.id)) expanded.delete(selected.id);
        else expanded.add(selected.id);
        updateView({expanded});
      }
      if (command === 'session.terminate' && selected?.group) {
        setSweepGroup(selected);
        store.getState().updateUi({overlay: sweepOverlay});
      }
      return undefined;
    },
  });
  const window = useTableWindow(pane.selectedIndex, tableHeight - 1, rows.length);
  const columns = dimension
    ? groupColumns
    : withSortIndicator(sessionColumns, sortKey).filter(
        // The IDLE column says nothing when no listed session is idle.
        (column) =>
          column.key !== 'idle' ||
          rows.some((row) => (row.session ? showsIdleAge(row.session) : row.cells.idle)),
      );
  const title = snapshot
    ? `Connections · ${dimension ? `by ${dimensionTitles[dimension]} · ` : ''}${windowLabel(window, tableHeight - 1, rows.length)}`
    : 'Connections';
  const sweepLabel = sweepGroup?.group
    ? labelGroupKey(sweepGroup.group.dimension, sweepGroup.group.count.key)
    : '';
  return (
    <PaneFrame title={title} status={status} width={width} height={height} focused={focused}>
      {pane.overlayBody ?? (
        <Box flexDirection="column" width={inner} height={innerHeight} overflow="hidden">
          <ProbeErrorLine error={state?.error} />
          {snapshot ? (
            <ConnectionsGauge snapshot={snapshot} history={history ?? []} width={inner} />
          ) : null}
          {snapshot ? (
            <Text wrap="truncate-end">
              {stateBreakdown(snapshot.byState).map((entry, index) => (
                <Text key={entry.text} color={colourOf(entry.warn ? 'status.warn' : undefined)}>
                  {`${index > 0 ? ' · ' : ''}${entry.text}`}
                </Text>
              ))}
              {idle ? (
                <Text
                  color={colourOf('status.warn')}
                >{`  (${idle.replace(/^\d+ idle in transaction · /, 'idle in tx ')})`}</Text>
              ) : null}
            </Text>
          ) : null}
          {snapshot && summaryHeight === 3 ? (
            <Text color={colourOf('text.muted')} wrap="truncate-end">
              {groupLine(snapshot, 'application')}
            </Text>
          ) : null}
          {snapshot ? (
            <DataTable
              columns={columns}
              rows={rows}
              width={inner}
              height={tableHeight}
              offset={window}
              selectedIndex={pane.selectedIndex}
              marked={pane.marked}
              active={focused}
              emptyText={view.filter ? 'no session matches the filter' : 'no client session'}
            />
          ) : null}
          {filtering ? (
            <FilterLine
              value={view.filter}
              onChange={(filter) => setFilter(filter)}
              onDone={(keep) =>
                setFilter(keep ? currentView().filter : '', keep ? 'keep' : 'clear')
              }
            />
          ) : sweeping ? (
            <TextPrompt
              takeTypedKeys={pane.takeTypedKeys}
              label={`terminate the idle sessions of ${sanitizeTerminalText(sweepLabel, {maxLength: 60})} idle longer than how many minutes? (Enter: ${defaultSweepMinutes})`}
              onCancel={() => store.getState().updateUi({overlay: undefined})}
              onSubmit={(text) => {
                const minutes = text.trim() === '' ? defaultSweepMinutes : Number(text.trim());
                store.getState().updateUi({overlay: undefined});
                if (!Number.isSafeInteger(minutes) || minutes < 0)
                  return store
                    .getState()
                    .updateUi({message: `not a whole number of minutes: ${text.trim()}`});
                const members = idleSessionsOlderThan(sweepGroup.group?.members ?? [], minutes);
                if (members.length === 0)
                  return store.getState().updateUi({
                    message: `no session of ${sweepLabel} has been idle longer than ${minutes}m`,
                  });
                pane.ask(idleSweepRequest(sweepLabel, members, minutes));
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
