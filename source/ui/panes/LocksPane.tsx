import {Box} from 'ink';
import {useMemo} from 'react';
import {sessionSignalRequest} from '../../actions/session-signals';
import {locksProbe} from '../../probes/locks/locks-probe';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {useProbeStatus} from '../use-probe-status';
import {DataTable, tableWidth} from '../widgets/DataTable';
import {fitColumns} from '../widgets/data-table-layout';
import {ProbeErrorLine} from '../widgets/ProbeErrorLine';
import {type LockRow, lockColumns, lockRows, locksHeadline} from './locks-rows';
import {useSessionPane} from './use-session-pane';

/** The blocking chains as a tree: each root blocker, every waiter once beneath it, saying what it waits for. */
export function LocksPane({width, height, focused}: RegionProps) {
  const {state, status} = useProbeStatus(locksProbe.id, locksProbe.intervalMs);
  const snapshot = state?.data;
  const inner = Math.max(1, width - 4);
  const innerHeight = Math.max(1, height - 2);
  const {rows, columns} = useMemo(() => {
    if (!snapshot) return {rows: [] as LockRow[], columns: lockColumns([])};
    const wide = lockRows(snapshot);
    const wideColumns = lockColumns(wide);
    if (fitColumns(wideColumns, tableWidth(inner)).some((column) => column.key === 'state'))
      return {rows: wide, columns: wideColumns};
    const narrow = lockRows(snapshot, {rootStateInline: true});
    return {rows: narrow, columns: lockColumns(narrow)};
  }, [snapshot, inner]);
  const tableHeight = Math.max(2, innerHeight - (state?.error ? 1 : 0));
  const pane = useSessionPane({
    paneId: 'locks',
    rows,
    focused,
    pageSize: tableHeight - 1,
    width: inner,
    height: innerHeight,
    onCommand: (command, selected) => {
      if (command !== 'locks.terminateRoot') return undefined;
      const chain = snapshot?.chains.find(
        (candidate) => candidate.blockerPid === selected?.rootPid,
      );
      return chain
        ? sessionSignalRequest('terminate', [chain.blocker], 'terminate the root blocker,')
        : 'no blocking chain: no root blocker to terminate';
    },
  });
  const title = snapshot ? `Locks · ${locksHeadline(snapshot)}` : 'Locks';
  return (
    <PaneFrame title={title} status={status} width={width} height={height} focused={focused}>
      {pane.overlayBody ?? (
        <Box flexDirection="column" width={inner} height={innerHeight} overflow="hidden">
          <ProbeErrorLine error={state?.error} />
          {snapshot ? (
            <DataTable
              columns={columns}
              rows={rows}
              width={inner}
              height={tableHeight}
              selectedIndex={pane.selectedIndex}
              marked={pane.marked}
              active={focused}
              emptyText="no blocking chains"
            />
          ) : null}
        </Box>
      )}
    </PaneFrame>
  );
}
