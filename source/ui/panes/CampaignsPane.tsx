import {stopCampaignPlan} from '../../actions/application-action-plans';
import {defaultApplicationRefreshSeconds} from '../../config/application-settings';
import {useApplicationSettings} from '../application-settings-context';
import type {RegionProps} from '../PaneFrame';
import {useCockpit} from '../store-context';
import {DataTable} from '../widgets/DataTable';
import {ApplicationPaneFrame} from './application/ApplicationPaneFrame';
import {useApplicationAction} from './application/use-application-action';
import {usePaneCommands, useRowSelection} from './application/use-pane-commands';
import {campaignColumns, campaignRows} from './campaign-rows';

/** Running campaigns: targets by status, throughput, ETA and a stalled flag. */
export function CampaignsPane(props: RegionProps) {
  const settings = useApplicationSettings();
  const snapshot = useCockpit((state) => state.probes.campaigns?.data);
  const action = useApplicationAction('campaigns');
  const rows = snapshot?.available ? campaignRows(snapshot) : [];
  const selection = useRowSelection(rows.length);
  const index = selection.index;
  usePaneCommands('campaigns', props.focused, (command) => {
    const campaign = snapshot?.available ? snapshot.campaigns[selection.current()] : undefined;
    if (command === 'campaigns.stop' && campaign)
      void action.begin(stopCampaignPlan(settings.campaigns, campaign), 'stop');
    else selection.move(command);
  });
  return (
    <ApplicationPaneFrame
      {...props}
      title="Campaigns"
      paneId="campaigns"
      probeId="campaigns"
      intervalMs={defaultApplicationRefreshSeconds * 1000}
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
