import {createContext, type ReactNode, useContext} from 'react';
import type {StatementResult} from '../sources/postgres-lifeline';
import type {TimelineEventInput} from '../timeline/timeline-sink';

/**
 * A confirmed action on the monitored database (cancel, terminate, requeue, …). Panes build it;
 * the program runs it in one read-write transaction and journals it.
 */
export type DatabaseActionRequest = {
  /** Timeline kind: `action.cancel`, `action.terminate`, `action.requeue`, … */
  kind: string;
  /** One line for the confirmation title and the timeline: `terminate session 4242`. */
  summary: string;
  /** The word the operator must type to proceed. */
  confirmationWord: string;
  /** Exactly what runs, shown in the confirmation and journaled. Values already quoted. */
  statements: string[];
  /** What it acts on, one line each (shown in the confirmation). */
  details: string[];
  /** Journaled with the outcome (sessions' details, ids, …). */
  data?: Record<string, unknown>;
  /** Turns the results into words for the timeline and the footer. */
  describe?: (results: readonly StatementResult[]) => string;
};

/** How a database action ended. */
export type DatabaseActionOutcome =
  | {ok: true; text: string; results: StatementResult[]}
  | {ok: false; text: string};

import type {ApplicationActionRunner} from '../actions/application-action-runner';
import type {RunbookStepActions} from '../app/runbook-step-actions';
import type {IncidentActions} from '../incidents/incident-actions';

/** What the UI can ask of the program around it; the run command, a viewer and tests each supply their own. */
export type CockpitActions = {
  /** Leaves the cockpit: stops probes, closes connections and restores the terminal. */
  quit: () => void;
  setPaused: (paused: boolean) => void;
  /** Sets the base refresh interval; every probe's interval scales with it. */
  setRefreshSeconds: (seconds: number) => void;
  /** Records something the operator did on the timeline; resolves once it is safely recorded. */
  recordEvent: (event: TimelineEventInput) => Promise<void>;
  /** Runs a confirmed action and records it with its outcome on the timeline. */
  runDatabaseAction: (request: DatabaseActionRequest) => Promise<DatabaseActionOutcome>;
  /** Records that the operator backed out of a confirmation (`action.cancelled`). */
  recordCancelledAction: (request: DatabaseActionRequest) => void;
  /** Retries the database connection now; resolves to what it did, in words. Absent for a viewer. */
  reconnectNow?: () => string;
  /** Puts text on the operator's clipboard (OSC 52). */
  copyToClipboard: (text: string) => void;
  /**
   * Previews (rolled back), executes or records the cancellation of an application action:
   * `runApplicationAction(request, 'preview' | 'execute' | 'cancel')`, where the request is SQL
   * statements or one HTTP call. Absent where nothing may be changed (a read-only viewer).
   */
  runApplicationAction?: ApplicationActionRunner;
  /** Opens, annotates and closes the incident; absent for a read-only viewer. */
  incident?: IncidentActions;
} & RunbookStepActions;

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
