import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {IncidentActions} from '../../../source/incidents/incident-actions';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import {App} from '../../../source/ui/App';
import {CockpitActionsProvider} from '../../../source/ui/cockpit-actions';
import {CockpitStoreProvider} from '../../../source/ui/store-context';
import {waitFor} from '../../helpers/database';
import {inertActions} from '../../helpers/render-ui';

/** Incident actions that record what the screen asked for. */
function recordingActions(calls: string[]): IncidentActions {
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
      return `${name} done`;
    };
  return {
    open: record('open'),
    note: record('note'),
    setSeverity: record('setSeverity'),
    setStatus: record('setStatus'),
    assignRole: record('assignRole'),
    setImpact: record('setImpact'),
    markMilestone: record('markMilestone'),
    close: record('close'),
  };
}

function renderApp(withIncident: boolean) {
  const store = createCockpitStore({databaseLabel: 'test'});
  if (withIncident)
    store
      .getState()
      .setIncident({id: 'i', title: 'Checkout down', severity: 'P1', status: 'investigating'});
  const calls: string[] = [];
  const view = render(
    <CockpitStoreProvider store={store}>
      <CockpitActionsProvider actions={inertActions({incident: recordingActions(calls)})}>
        <App />
      </CockpitActionsProvider>
    </CockpitStoreProvider>,
  );
  return {store, calls, view};
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('incident keys in the cockpit', () => {
  it('n opens the note overlay; typing and Enter write the note, back-dated', async () => {
    const {calls, view, store} = renderApp(true);
    await tick();
    view.stdin.write('n');
    await tick();
    expect(view.lastFrame()).toContain('Note › note');
    view.stdin.write('@14:02 pool leak #rootcause');
    await tick();
    view.stdin.write('\r');
    await waitFor(() => calls.length > 0, {what: 'the note action'});
    expect(calls).toEqual(['note("pool leak #rootcause", "14:02")']);
    await waitFor(() => store.getState().ui.message === 'note done', {what: 'the footer message'});
    view.unmount();
  });

  it('without an incident the header offers o, and o asks for a title then a severity', async () => {
    const {calls, view} = renderApp(false);
    await tick();
    expect(view.lastFrame()).toContain('no incident (o opens one)');
    view.stdin.write('n');
    await tick();
    expect(view.lastFrame()).toContain('no incident is open: press o to open one');
    view.stdin.write('o');
    await tick();
    view.stdin.write('Checkout down\r');
    await tick();
    expect(view.lastFrame()).toContain('Medium: respond within 4 hours');
    view.stdin.write('1\r');
    await waitFor(() => calls.length > 0, {what: 'the open action'});
    expect(calls).toEqual(['open("Checkout down", "P1")']);
    view.unmount();
  });

  it('x asks for impact and root cause and closes only on yes; Esc leaves everything as it was', async () => {
    const {calls, view} = renderApp(true);
    await tick();
    view.stdin.write('x');
    await tick();
    view.stdin.write('orders failed\r');
    await tick();
    view.stdin.write('pool leak\r');
    await tick();
    view.stdin.write('y\r');
    await waitFor(() => calls.length > 0, {what: 'the close action'});
    expect(calls).toEqual(['close({"impact":"orders failed","rootCause":"pool leak"})']);
    view.stdin.write('s');
    await tick();
    view.stdin.write('\u001b');
    await tick();
    expect(view.lastFrame()).not.toContain('Status ›');
    expect(calls).toHaveLength(1);
    view.unmount();
  });
});
