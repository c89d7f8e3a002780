import {searchRunbooks, suggestRunbooks} from '../../runbooks/runbook-suggestions';
import type {CockpitStore} from '../../store/cockpit-store';
import type {CockpitActions} from '../cockpit-actions';
import {flattenSteps} from './runbook-navigation';

/** Opens a runbook in the navigator, focuses the runbook region and journals it. */
export function openRunbookById(
  store: CockpitStore,
  actions: Pick<CockpitActions, 'recordEvent'>,
  runbookId: string,
): void {
  const state = store.getState();
  const runbook = state.runbook.library.find((candidate) => candidate.id === runbookId);
  if (!runbook) return;
  state.updateUi({overlay: undefined, focusedPaneId: 'runbook', zoomed: false});
  state.openRunbook(runbookId);
  // Opened again with steps already recorded: the cursor waits on the first one still open.
  const {statuses} = store.getState().runbook;
  const firstOpen = flattenSteps(runbook).findIndex((step) => !statuses[step.key]);
  state.setRunbookCursor(Math.max(0, firstOpen));
  void actions.recordEvent({
    kind: 'runbook.opened',
    text: `opened runbook ${runbook.title}`,
    data: {runbookId},
  });
}

/**
 * Opens the best fuzzy match for `query` (suggested runbooks first on ties); returns the line
 * for the footer.
 */
export function openRunbookByQuery(
  store: CockpitStore,
  actions: Pick<CockpitActions, 'recordEvent'>,
  query: string,
): string {
  const state = store.getState();
  if (state.runbook.library.length === 0) return 'no runbooks loaded';
  if (!query.trim()) return 'usage: runbook NAME (b lists them)';
  const active = state.alerts.map((alert) => alert.ruleId);
  const [best] = searchRunbooks(suggestRunbooks(state.runbook.library, active), query);
  if (!best) return `no runbook matches "${query}" (b lists them)`;
  openRunbookById(store, actions, best.runbook.id);
  return `opened runbook ${best.runbook.title}`;
}
