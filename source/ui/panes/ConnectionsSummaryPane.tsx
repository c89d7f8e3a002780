import {Box, Text} from 'ink';
import {connectionSaturation} from '../../alerts/database-rules';
import {
  type ConnectionsSnapshot,
  connectionsProbe,
} from '../../probes/connections/connections-probe';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {useCockpit} from '../store-context';
import {colourOf, toneOfRatio} from '../theme';
import {useProbeStatus} from '../use-probe-status';
import {bar} from '../widgets/bar';
import {bucketSamples, sparkline} from '../widgets/sparkline';

/** Saturation thresholds of the connections bar (shared with the connection-saturation alert). */
export const connectionThresholds = connectionSaturation;

const stateOrder = ['active', 'idle', 'idle in transaction', 'idle in transaction (aborted)'];

/** Total connections against the usable limit, a 15-minute sparkline and the breakdown by state. */
export function ConnectionsSummaryPane({width, height, focused}: RegionProps) {
  const {state, status} = useProbeStatus(connectionsProbe.id, connectionsProbe.intervalMs);
  const history = useCockpit((cockpit) => cockpit.history['connections.total']);
  const snapshot = state?.data as ConnectionsSnapshot | undefined;
  const inner = Math.max(1, width - 4);
  return (
    <PaneFrame title="Connections" status={status} width={width} height={height} focused={focused}>
      {state?.error ? (
        <Text color={colourOf('status.critical')} wrap="truncate-end">
          {sanitizeTerminalText(state.error)}
        </Text>
      ) : null}
      {snapshot ? (
        <ConnectionsSummary snapshot={snapshot} history={history ?? []} width={inner} />
      ) : null}
    </PaneFrame>
  );
}

function ConnectionsSummary(props: {
  snapshot: ConnectionsSnapshot;
  history: ReadonlyArray<{at: number; value: number}>;
  width: number;
}) {
  const {snapshot, history, width} = props;
  const usable = Math.max(1, snapshot.max - snapshot.reserved);
  const ratio = snapshot.total / usable;
  const tone = toneOfRatio(ratio, connectionThresholds);
  const label = `${snapshot.total}/${usable}`;
  const states = [
    ...stateOrder.filter((name) => name in snapshot.byState),
    ...Object.keys(snapshot.byState).filter((name) => !stateOrder.includes(name)),
  ];
  // One sample per second over 15 minutes, squeezed to the width available.
  const bucketMs = Math.max(1000, Math.ceil((15 * 60 * 1000) / Math.max(1, width - 6)));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={colourOf(tone)}>
          {label}
        </Text>
        <Text
          color={colourOf('text.muted')}
        >{` (${Math.round(ratio * 100)}% of max_connections ${snapshot.max} − ${snapshot.reserved} reserved)`}</Text>
      </Text>
      <Text color={colourOf(tone)} wrap="truncate-end">
        {bar(ratio, width)}
      </Text>
      <Text wrap="truncate-end">
        <Text color={colourOf('text.muted')}>15m </Text>
        <Text color={colourOf(tone)}>
          {sparkline(bucketSamples(history, bucketMs), width - 4, usable)}
        </Text>
      </Text>
      {states.map((name) => (
        <Text key={name} wrap="truncate-end">
          <Text
            color={colourOf(name.startsWith('idle in transaction') ? 'status.warn' : undefined)}
          >
            {sanitizeTerminalText(name).padEnd(31)}
          </Text>
          {String(snapshot.byState[name] ?? 0).padStart(5)}
        </Text>
      ))}
    </Box>
  );
}
