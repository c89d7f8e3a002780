import {Text} from 'ink';
import {retryEmailsPlan} from '../../actions/application-action-plans';
import {defaultApplicationRefreshSeconds} from '../../config/application-settings';
import {useApplicationSettings} from '../application-settings-context';
import type {RegionProps} from '../PaneFrame';
import {useCockpit} from '../store-context';
import {colourOf} from '../theme';
import {DataTable} from '../widgets/DataTable';
import {ApplicationPaneFrame} from './application/ApplicationPaneFrame';
import {useApplicationAction} from './application/use-application-action';
import {usePaneCommands, useRowSelection} from './application/use-pane-commands';
import {failedEmailColumns, failedEmailRows, failedEmailSummary} from './failed-email-rows';

/** Failed emails: failures by window, error class and domain, retry backlog, sent rate. */
export function FailedEmailsPane(props: RegionProps) {
  const settings = useApplicationSettings();
  const snapshot = useCockpit((state) => state.probes.email?.data);
  const action = useApplicationAction('emails');
  const rows = snapshot?.available ? failedEmailRows(snapshot) : [];
  const selection = useRowSelection(rows.length);
  const index = selection.index;
  usePaneCommands('emails', props.focused, (command) => {
    const row = rows[selection.current()];
    if (command === 'emails.retry' && row)
      void action.begin(retryEmailsPlan(settings.emails, row.target), 'retry');
    else selection.move(command);
  });
  return (
    <ApplicationPaneFrame
      {...props}
      title="Failed emails"
      paneId="emails"
      probeId="email"
      intervalMs={defaultApplicationRefreshSeconds * 1000}
      action={action}
    >
      {(data, size) => {
        const lines = failedEmailSummary(data, settings.alerts.emailFailureRate);
        return (
          <>
            {lines.map((line) => (
              <Text key={line.text} color={colourOf(line.tone)} wrap="truncate-end">
                {line.text}
              </Text>
            ))}
            <DataTable
              columns={failedEmailColumns}
              rows={rows}
              width={size.width}
              height={Math.max(1, size.height - lines.length)}
              selectedIndex={index}
              active={props.focused}
            />
          </>
        );
      }}
    </ApplicationPaneFrame>
  );
}
