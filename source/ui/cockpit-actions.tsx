import {createContext, type ReactNode, useContext} from 'react';
import type {ApplicationActionRunner} from '../actions/application-action-runner';

/** What the UI can ask of the program around it; the run command, a viewer and tests each supply their own. */
export type CockpitActions = {
  /** Leaves the cockpit: stops probes, closes connections and restores the terminal. */
  quit: () => void;
  setPaused: (paused: boolean) => void;
  /** Sets the base refresh interval; every probe's interval scales with it. */
  setRefreshSeconds: (seconds: number) => void;
  /**
   * Previews (rolled back), executes or records the cancellation of an application action:
   * `runApplicationAction(request, 'preview' | 'execute' | 'cancel')`, where the request is SQL
   * statements or one HTTP call. Absent where nothing may be changed (a read-only viewer).
   */
  runApplicationAction?: ApplicationActionRunner;
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
