import {useRef, useState} from 'react';
import type {ActionPlan, ApplicationActionRequest} from '../../../actions/application-action';
import {describeApplicationAction} from '../../../actions/application-action';
import {useApplicationSettings} from '../../application-settings-context';
import {useCockpitActions} from '../../cockpit-actions';
import {useCockpitStore} from '../../store-context';

/** A confirmation in progress: what will run, its preview, and the word to type. */
export type PendingAction = {
  request: ApplicationActionRequest;
  word: string;
  details: string[];
  previewing: boolean;
};

/**
 * The write path of the application panes: plan → preview (rolled back) → typed confirmation
 * → execute, journaled; Esc journals the cancellation. The pane's overlay id is `confirm:<paneId>`.
 * The word and Enter may arrive before the preview does (typed in the same write as the key):
 * the action then runs once the preview has succeeded, and not at all when it fails.
 */
export function useApplicationAction(paneId: string) {
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const {secrets} = useApplicationSettings();
  const [pending, setPendingState] = useState<PendingAction | undefined>();
  // Read back before the next render: a key of the same chunk may confirm or cancel at once.
  const latest = useRef<PendingAction | undefined>(undefined);
  const confirmedDuringPreview = useRef(false);
  const setPending = (next: PendingAction | undefined) => {
    latest.current = next;
    setPendingState(next);
  };
  const overlay = `confirm:${paneId}`;
  const say = (message: string) => store.getState().updateUi({message});
  const close = () => {
    setPending(undefined);
    confirmedDuringPreview.current = false;
    if (store.getState().ui.overlay === overlay) store.getState().updateUi({overlay: undefined});
  };

  const execute = async (action: PendingAction) => {
    close();
    say(`${action.request.title}: running…`);
    const result = await actions.runApplicationAction!(action.request, 'execute');
    say(`${action.request.title}: ${result.text}`);
  };

  const begin = async (plan: ActionPlan, word: string) => {
    const run = actions.runApplicationAction;
    if ('unavailable' in plan) return say(plan.unavailable);
    if (!run) return say('actions are not available in this view');
    const details = describeApplicationAction(plan.request, secrets);
    const previewing: PendingAction = {request: plan.request, word, details, previewing: true};
    setPending(previewing);
    confirmedDuringPreview.current = false;
    store.getState().updateUi({overlay, message: undefined});
    const preview = await run(plan.request, 'preview');
    // Cancelled (or replaced) while the preview ran: its outcome no longer matters.
    if (latest.current !== previewing) return;
    if (!preview.ok) {
      close();
      return say(`preview failed, nothing changed: ${preview.text}`);
    }
    const ready: PendingAction = {
      ...previewing,
      details: [...details, '', preview.text],
      previewing: false,
    };
    if (confirmedDuringPreview.current) return execute(ready);
    setPending(ready);
  };

  const confirm = async () => {
    const action = latest.current;
    if (!action) return;
    if (action.previewing) {
      confirmedDuringPreview.current = true;
      return say(`${action.request.title}: confirmed, runs once the preview succeeds`);
    }
    await execute(action);
  };

  const cancel = async () => {
    const action = latest.current;
    if (!action) return;
    close();
    await actions.runApplicationAction?.(action.request, 'cancel');
    say('cancelled, nothing changed');
  };

  return {pending, open: pending !== undefined, begin, confirm, cancel};
}
