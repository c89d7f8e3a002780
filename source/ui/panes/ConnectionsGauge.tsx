import {Text} from 'ink';
import {connectionSaturation} from '../../alerts/database-rules';
import type {ConnectionsSnapshot} from '../../probes/connections/connections-probe';
import {colourOf, toneOfRatio} from '../theme';
import {bar} from '../widgets/bar';
import {bucketSamples, sparkline} from '../widgets/sparkline';

/** What the gauge says about the slots left: `FULL` when an ordinary role can no longer connect. */
export function saturationOf(snapshot: ConnectionsSnapshot): {
  used: number;
  usable: number;
  ratio: number;
  full?: string;
} {
  const used = snapshot.backends ?? snapshot.total;
  const usable = Math.max(1, snapshot.max - snapshot.reserved);
  const full =
    used >= snapshot.max
      ? 'FULL: no slot left'
      : used >= usable
        ? `FULL: only the ${snapshot.max - used} reserved slot${snapshot.max - used === 1 ? '' : 's'} left`
        : undefined;
  return {used, usable, ratio: used / usable, full};
}

/**
 * One line: every backend (the cockpit's own included) against the usable slots, a bar and the
 * 15-minute sparkline, `FULL` when no ordinary slot is left.
 */
export function ConnectionsGauge(props: {
  snapshot: ConnectionsSnapshot;
  history: ReadonlyArray<{at: number; value: number}>;
  width: number;
}) {
  const {snapshot, history, width} = props;
  const {used, usable, ratio, full} = saturationOf(snapshot);
  const tone = full ? 'status.critical' : toneOfRatio(ratio, connectionSaturation);
  const count = `${used}/${usable}`;
  const label = ` (${Math.round(ratio * 100)}% of max_connections ${snapshot.max} − ${snapshot.reserved} reserved) `;
  const fullText = full ? `${full} ` : '';
  const spare = Math.max(0, width - count.length - label.length - fullText.length);
  const barWidth = Math.min(16, Math.floor(spare / 3));
  // One sample per second over 15 minutes, squeezed to the width available.
  const sparkWidth = Math.max(0, spare - barWidth - 5);
  const bucketMs = Math.max(1000, Math.ceil((15 * 60 * 1000) / Math.max(1, sparkWidth)));
  return (
    <Text wrap="truncate-end">
      <Text bold color={colourOf(tone)}>
        {count}
      </Text>
      {full ? <Text bold inverse color={colourOf('status.critical')}>{` ${full} `}</Text> : null}
      <Text color={colourOf('text.muted')}>{label}</Text>
      <Text color={colourOf(tone)}>
        {`${bar(ratio, barWidth)} 15m ${sparkline(bucketSamples(history, bucketMs), sparkWidth, usable)}`}
      </Text>
    </Text>
  );
}
