import {Text} from 'ink';
import {requeuePlan} from '../../actions/application-action-plans';
import {defaultApplicationRefreshSeconds} from '../../config/application-settings';
import {useApplicationSettings} from '../application-settings-context';
import type {RegionProps} from '../PaneFrame';
import {useCockpit} from '../store-context';
import {colourOf} from '../theme';
import {useNow} from '../use-now';
import {useRetainedState} from '../use-retained-state';
import {DataTable} from '../widgets/DataTable';
import {bucketSamples, sparkline} from '../widgets/sparkline';
import {ApplicationPaneFrame} from './application/ApplicationPaneFrame';
import {useApplicationAction} from './application/use-application-action';
import {usePaneCommands, useRowSelection} from './application/use-pane-commands';
import {
  type DeadLetterView,
  deadLetterClassColumns,
  deadLetterMessageColumns,
  deadLetterRows,
  deadLetterSummary,
} from './dead-letter-rows';

/** Dead-letter queue: depth, rates with a sparkline, oldest age, error classes or recent messages. */
export function DeadLetterPane(props: RegionProps) {
  const settings = useApplicationSettings();
  const snapshot = useCockpit((state) => state.probes.dlq?.data);
  const history = useCockpit((state) => state.history['dlq.depth']);
  const now = useNow();
  const [view, , setView] = useRetainedState<DeadLetterView>('deadLetters.view', 'classes');
  const action = useApplicationAction('dlq');
  const rows = snapshot?.available ? deadLetterRows(snapshot, view, now) : [];
  const selection = useRowSelection(rows.length);
  const index = selection.index;
  usePaneCommands('dlq', props.focused, (command) => {
    if (command === 'dlq.view') {
      setView(view === 'classes' ? 'messages' : 'classes');
      selection.reset();
    } else if (command === 'dlq.requeue' && snapshot?.available) {
      const message = view === 'messages' ? snapshot.recent[selection.current()] : undefined;
      const group = view === 'classes' ? snapshot.classes[selection.current()] : undefined;
      if (message) void action.begin(requeuePlan(settings.dlq, {messageId: message.id}), 'requeue');
      if (group)
        void action.begin(
          requeuePlan(settings.dlq, {
            classKey: group.key,
            label: `"${group.errorClass}" from ${group.source}`,
          }),
          'requeue',
        );
    } else selection.move(command);
  });
  return (
    <ApplicationPaneFrame
      {...props}
      title="Dead letters"
      paneId="dlq"
      probeId="dlq"
      intervalMs={defaultApplicationRefreshSeconds * 1000}
      action={action}
    >
      {(data, size) => {
        const summary = deadLetterSummary(data, now);
        const bucketMs = Math.max(1000, Math.ceil((15 * 60 * 1000) / Math.max(1, size.width - 4)));
        return (
          <>
            <Text color={colourOf(summary.tone)} wrap="truncate-end">
              {summary.text}
            </Text>
            <Text wrap="truncate-end">
              <Text color={colourOf('text.muted')}>15m </Text>
              <Text color={colourOf(summary.tone)}>
                {sparkline(bucketSamples(history ?? [], bucketMs), size.width - 4)}
              </Text>
            </Text>
            <DataTable
              columns={view === 'classes' ? deadLetterClassColumns : deadLetterMessageColumns}
              rows={rows}
              width={size.width}
              height={Math.max(1, size.height - 2)}
              selectedIndex={index}
              active={props.focused}
              emptyText={view === 'classes' ? 'no dead letters in the last hour' : 'queue is empty'}
            />
          </>
        );
      }}
    </ApplicationPaneFrame>
  );
}
