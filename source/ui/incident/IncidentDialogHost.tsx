import {describeError} from '../../errors';
import {useCockpitActions} from '../cockpit-actions';
import {useCockpit, useCockpitStore} from '../store-context';
import {IncidentDialog} from './IncidentDialog';
import {
  dialogFor,
  type IncidentDialogId,
  incidentDialogIds,
  submitDialog,
} from './incident-dialogs';

/** The incident overlay named by `ui.overlay` (`incident:note`, …), if one is open. */
export function openIncidentDialog(overlay: string | undefined): IncidentDialogId | undefined {
  const id = overlay?.startsWith('incident:') ? overlay.slice('incident:'.length) : undefined;
  return incidentDialogIds.find((candidate) => candidate === id);
}

/** Shows the open incident overlay and runs what it asks once it is complete. */
export function IncidentDialogHost(props: {
  width: number;
  dialog: IncidentDialogId;
  /** Keys typed before the overlay was on screen, to apply first. */
  takeTypedKeys?: () => string[];
}) {
  const {width, dialog} = props;
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const incident = useCockpit((state) => state.incident);
  const close = (message?: string) => store.getState().updateUi({overlay: undefined, message});
  return (
    <IncidentDialog
      key={dialog}
      width={width}
      initial={dialogFor(dialog, incident)}
      takeTypedKeys={props.takeTypedKeys}
      onCancel={() => close()}
      onSubmit={(answers) => {
        if (!actions.incident) return close('this view cannot change the incident');
        close('writing to the journal…');
        submitDialog(dialog, answers, actions.incident).then(
          (message) => store.getState().updateUi({message}),
          (error: unknown) => store.getState().updateUi({message: describeError(error)}),
        );
      }}
    />
  );
}
