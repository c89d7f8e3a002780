import {createContext, type ReactNode, useContext} from 'react';
import type {IncidentActions} from '../incidents/incident-actions';

/** What the UI can ask of the program around it; the run command, a viewer and tests each supply their own. */
export type CockpitActions = {
  /** Leaves the cockpit: stops probes, closes connections and restores the terminal. */
  quit: () => void;
  setPaused: (paused: boolean) => void;
  /** Sets the base refresh interval; every probe's interval scales with it. */
  setRefreshSeconds: (seconds: number) => void;
  /** Opens, annotates and closes the incident; absent for a read-only viewer. */
  incident?: IncidentActions;
};

const ActionsContext = createContext<CockpitActions | undefined>(undefined);

/** Provides the actions to the component tree. */
export function CockpitActionsProvider({
  actions,
  children,
}: {
  actions: CockpitActions;
  children: ReactNode;
}) {
  return <ActionsContext.Provider value={actions}>{children}</ActionsContext.Provider>;
}

/** The actions of the surrounding program. */
export function useCockpitActions(): CockpitActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useCockpitActions outside CockpitActionsProvider');
  return actions;
}
