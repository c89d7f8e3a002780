import {useState} from 'react';
import {useApplicationSettings} from '../application-settings-context';
import type {RegionProps} from '../PaneFrame';
import {useCockpit} from '../store-context';
import {useNow} from '../use-now';
import {DataTable} from '../widgets/DataTable';
import {ApplicationPaneFrame} from './application/ApplicationPaneFrame';
import {moveSelection, usePaneCommands} from './application/use-pane-commands';
import {integrationColumns, integrationRows} from './integration-rows';

/** Health of the configured edge functions and HTTP health URLs. */
export function IntegrationsPane(props: RegionProps) {
  const {integrations} = useApplicationSettings();
  const snapshot = useCockpit((state) => state.probes.integrations?.data);
  const now = useNow();
  const [selected, setSelected] = useState(0);
  const rows = snapshot?.available ? integrationRows(snapshot, now) : [];
  const index = Math.min(selected, Math.max(0, rows.length - 1));
  usePaneCommands('integrations', props.focused, (command) =>
    setSelected(moveSelection(index, command, rows.length)),
  );
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
