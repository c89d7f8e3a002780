import type {IncidentActions} from '../incidents/incident-actions';
import {readIncident} from '../incidents/incident-catalog';
import type {IncidentSession} from '../incidents/incident-session';
import {openIncidentsFor, targetOf} from '../incidents/incident-target';
import type {CockpitStore} from '../store/cockpit-store';

/**
 * Incident actions that settle an incident left open against another database: opening a new
 * one (`o`) or keeping it (`:resume`) both clear the header's notice.
 */
export function withElsewhereIncident(
  actions: IncidentActions,
  context: {session: IncidentSession; store: CockpitStore; home: string},
): IncidentActions {
  const {session, store, home} = context;
  return {
    ...actions,
    open: async (title, severity) => {
      const line = await actions.open(title, severity);
      store.getState().updateUi({incidentElsewhere: undefined});
      return line;
    },
    resumeElsewhere: async () => {
      const elsewhere = store.getState().ui.incidentElsewhere;
      if (session.isOpen) return 'an incident is already open here';
      if (!elsewhere) return 'no other open incident to resume';
      const stored = await readIncident(home, elsewhere.id);
      if (!stored || stored.incident.closedAt !== undefined)
        return `incident ${elsewhere.id} is no longer open`;
      await session.resume(stored);
      store.getState().updateUi({incidentElsewhere: undefined});
      return `resumed incident ${elsewhere.id}, opened on ${elsewhere.target}`;
    },
  };
}

/**
 * Resumes the open incident opened against `target`. One opened against another database is
 * not resumed silently: it is named in the header (`o` opens a new one, `:resume` keeps it).
 * True when an incident was resumed.
 */
export async function resumeForTarget(
  context: {session: IncidentSession; store: CockpitStore; home: string},
  target: string,
): Promise<boolean> {
  const {same, other} = await openIncidentsFor(context.home, target);
  const resumed = same ? await context.session.resume(same) : false;
  if (!resumed && other)
    context.store.getState().updateUi({
      incidentElsewhere: {id: other.incident.id, target: targetOf(other) ?? 'another database'},
    });
  return resumed;
}
