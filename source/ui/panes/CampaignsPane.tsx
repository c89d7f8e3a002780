import {useState} from 'react';
import {stopCampaignPlan} from '../../actions/application-action-plans';
import {useApplicationSettings} from '../application-settings-context';
import type {RegionProps} from '../PaneFrame';
import {useCockpit} from '../store-context';
import {DataTable} from '../widgets/DataTable';
import {ApplicationPaneFrame} from './application/ApplicationPaneFrame';
import {useApplicationAction} from './application/use-application-action';
import {moveSelection, usePaneCommands} from './application/use-pane-commands';
import {campaignColumns, campaignRows} from './campaign-rows';

/** Running campaigns: targets by status, throughput, ETA and a stalled flag. */
export function CampaignsPane(props: RegionProps) {
  const settings = useApplicationSettings();
  const snapshot = useCockpit((state) => state.probes.campaigns?.data);
  const [selected, setSelected] = useState(0);
  const action = useApplicationAction('campaigns');
  const rows = snapshot?.available ? campaignRows(snapshot) : [];
  const index = Math.min(selected, Math.max(0, rows.length - 1));
  usePaneCommands('campaigns', props.focused, (command) => {
    const campaign = snapshot?.available ? snapshot.campaigns[index] : undefined;
    if (command === 'campaigns.stop' && campaign)
      void action.begin(stopCampaignPlan(settings.campaigns, campaign), 'stop');
    else setSelected(moveSelection(index, command, rows.length));
  });
  return (
    <ApplicationPaneFrame
      {...props}
      title="Campaigns"
      paneId="campaigns"
      probeId="campaigns"
      intervalMs={5000}
      action={action}
    >
      {(_data, size) => (
        <DataTable
          columns={campaignColumns}
          rows={rows}
          width={size.width}
          height={size.height}
          selectedIndex={index}
          active={props.focused}
          emptyText="no running campaign"
        />
      )}
    </ApplicationPaneFrame>
  );
}
