import {useState} from 'react';
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
 */
export function useApplicationAction(paneId: string) {
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const {secrets} = useApplicationSettings();
  const [pending, setPending] = useState<PendingAction | undefined>();
  const overlay = `confirm:${paneId}`;
  const say = (message: string) => store.getState().updateUi({message});
  const close = () => {
    setPending(undefined);
    if (store.getState().ui.overlay === overlay) store.getState().updateUi({overlay: undefined});
  };

  const begin = async (plan: ActionPlan, word: string) => {
    const run = actions.runApplicationAction;
    if ('unavailable' in plan) return say(plan.unavailable);
    if (!run) return say('actions are not available in this view');
    const details = describeApplicationAction(plan.request, secrets);
    setPending({request: plan.request, word, details, previewing: true});
    store.getState().updateUi({overlay, message: undefined});
    const preview = await run(plan.request, 'preview');
    if (!preview.ok) {
      close();
      return say(`preview failed, nothing changed: ${preview.text}`);
    }
    setPending({
      request: plan.request,
      word,
      details: [...details, '', preview.text],
      previewing: false,
    });
  };

  const confirm = async () => {
    if (!pending || pending.previewing) return;
    close();
    say(`${pending.request.title}: running…`);
    const result = await actions.runApplicationAction!(pending.request, 'execute');
    say(`${pending.request.title}: ${result.text}`);
  };

  const cancel = async () => {
    if (!pending) return;
    close();
    await actions.runApplicationAction?.(pending.request, 'cancel');
    say('cancelled, nothing changed');
  };

  return {pending, open: pending !== undefined, begin, confirm, cancel};
}
