import {Text} from 'ink';
import {useShallow} from 'zustand/react/shallow';
import {ratePerMinute} from '../../signals/signal-rules';
import {useApplicationSettings} from '../application-settings-context';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {useCockpit} from '../store-context';
import {colourOf} from '../theme';
import {DataTable} from '../widgets/DataTable';
import {readingFromState, signalColumns, signalRows} from './signal-rows';

/** The product's own signals: a sparkline, the value (or rate) and the alert state of each. */
export function SignalsPane(props: RegionProps) {
  const {signals} = useApplicationSettings();
  // The store's own objects, so the selection is stable between unrelated updates.
  const state = useCockpit(
    useShallow((cockpit) => ({
      probes: cockpit.probes,
      history: cockpit.history,
      alerts: cockpit.alerts,
    })),
  );
  const rows = signalRows(signals, (signal) =>
    readingFromState(
      state,
      signal,
      signal.rate ? ratePerMinute({history: state.history}, signal.id) : undefined,
    ),
  );
  const inner = {width: Math.max(1, props.width - 4), height: Math.max(1, props.height - 2)};
  return (
    <PaneFrame title="Signals" width={props.width} height={props.height} focused={props.focused}>
      {signals.length === 0 ? (
        <Text color={colourOf('text.muted')}>no signals configured (signals: in the config)</Text>
      ) : (
        <DataTable
          columns={signalColumns}
          rows={rows}
          width={inner.width}
          height={inner.height}
          selectedIndex={0}
          active={false}
        />
      )}
    </PaneFrame>
  );
}
