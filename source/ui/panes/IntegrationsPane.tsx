import {useApplicationSettings} from '../application-settings-context';
import type {RegionProps} from '../PaneFrame';
import {useCockpit} from '../store-context';
import {useNow} from '../use-now';
import {DataTable} from '../widgets/DataTable';
import {ApplicationPaneFrame} from './application/ApplicationPaneFrame';
import {usePaneCommands, useRowSelection} from './application/use-pane-commands';
import {integrationColumns, integrationRows} from './integration-rows';

/** Health of the configured edge functions and HTTP health URLs. */
export function IntegrationsPane(props: RegionProps) {
  const {integrations} = useApplicationSettings();
  const snapshot = useCockpit((state) => state.probes.integrations?.data);
  const now = useNow();
  const rows = snapshot?.available ? integrationRows(snapshot, now) : [];
  const selection = useRowSelection(rows.length);
  const index = selection.index;
  usePaneCommands('integrations', props.focused, (command) => selection.move(command));
  return (
    <ApplicationPaneFrame
      {...props}
      title="Integrations"
      paneId="integrations"
      probeId="integrations"
      intervalMs={integrations.intervalMs}
    >
      {(_data, size) => (
        <DataTable
          columns={integrationColumns}
          rows={rows}
          width={size.width}
          height={size.height}
          selectedIndex={index}
          active={props.focused}
        />
      )}
    </ApplicationPaneFrame>
  );
}
