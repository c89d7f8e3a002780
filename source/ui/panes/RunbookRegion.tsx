import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {useShallow} from 'zustand/react/shallow';
import {suggestRunbooks} from '../../runbooks/runbook-suggestions';
import {sanitizeTerminalText} from '../../text/sanitize-terminal-text';
import {useCockpitActions} from '../cockpit-actions';
import {PaneFrame, type RegionProps} from '../PaneFrame';
import {openRunbookById} from '../runbook/open-runbook';
import {RunbookNavigator} from '../runbook/RunbookNavigator';
import {RunbookPicker} from '../runbook/RunbookPicker';
import {useCockpit, useCockpitStore} from '../store-context';
import {colourOf} from '../theme';

/** The runbook region: the picker, the open runbook, or the runbooks active alerts suggest. */
export function RunbookRegion({width, height, focused}: RegionProps) {
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const library = useCockpit((state) => state.runbook.library);
  const openRunbookId = useCockpit((state) => state.runbook.openRunbookId);
  const overlay = useCockpit((state) => state.ui.overlay);
  const activeRuleIds = useCockpit(
    useShallow((state) => state.alerts.map((alert) => alert.ruleId)),
  );
  const open = library.find((runbook) => runbook.id === openRunbookId);
  const inner = {width: Math.max(1, width - 4), height: Math.max(1, height - 2)};
  const suggestions = suggestRunbooks(library, activeRuleIds).filter((entry) => entry.suggested);

  let body: ReactNode;
  if (overlay === 'runbook-picker' && focused) {
    body = (
      <RunbookPicker
        library={library}
        activeRuleIds={activeRuleIds}
        height={inner.height}
        onCancel={() => store.getState().updateUi({overlay: undefined})}
        onOpen={(runbookId) => openRunbookById(store, actions, runbookId)}
      />
    );
  } else if (open) {
    body = (
      <RunbookNavigator
        runbook={open}
        width={inner.width}
        height={inner.height}
        focused={focused}
      />
    );
  } else {
    body = (
      <Box flexDirection="column">
        <Text color={colourOf('text.muted')} wrap="truncate-end">
          {library.length === 0
            ? 'No runbooks loaded.'
            : `No runbook open: b opens one of ${library.length}.`}
        </Text>
        {suggestions.slice(0, Math.max(0, inner.height - 2)).map((entry) => (
          <Text key={entry.runbook.id} wrap="truncate-end" color={colourOf('status.warn')}>
            {`★ suggested: ${sanitizeTerminalText(entry.runbook.title)}`}
          </Text>
        ))}
      </Box>
    );
  }
  return (
    <PaneFrame title="Runbook" width={width} height={height} focused={focused}>
      {body}
    </PaneFrame>
  );
}
