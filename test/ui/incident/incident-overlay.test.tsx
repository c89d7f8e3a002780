import {describe, expect, it} from 'vitest';
import type {IncidentActions} from '../../../source/incidents/incident-actions';
import {createCockpitStore} from '../../../source/store/cockpit-store';
import {waitFor} from '../../helpers/database';
import {keys, renderUi} from '../../helpers/render-ui';

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

async function renderApp(withIncident: boolean) {
  const store = createCockpitStore({databaseLabel: 'test'});
  if (withIncident)
    store
      .getState()
      .setIncident({id: 'i', title: 'Checkout down', severity: 'P1', status: 'investigating'});
  const calls: string[] = [];
  const view = await renderUi({store, incident: recordingActions(calls), columns: 100, rows: 30});
  return {store, calls, view};
}

describe('incident keys in the cockpit', () => {
  it('n opens the note overlay; typing and Enter write the note, back-dated', async () => {
    const {calls, view, store} = await renderApp(true);
    await view.press('n');
    await view.waitForFrame('Note › note');
    await view.press('@14:02 pool leak #rootcause');
    await view.waitForFrame('pool leak #rootcause');
    await view.press('\r');
    await waitFor(() => calls.length > 0, {what: 'the note action'});
    expect(calls).toEqual(['note("pool leak #rootcause", "14:02")']);
    await waitFor(() => store.getState().ui.message === 'note done', {what: 'the footer message'});
    view.unmount();
  });

  it('without an incident the header offers o, and o asks for a title then a severity', async () => {
    const {calls, view} = await renderApp(false);
    await view.waitForFrame('no incident (o opens one)');
    await view.press('n');
    await view.waitForFrame('no incident is open: press o to open one');
    await view.press('o');
    await view.waitForFrame('title');
    await view.press('Checkout down\r');
    await view.waitForFrame('Medium: respond within 4 hours');
    await view.press('1\r');
    await waitFor(() => calls.length > 0, {what: 'the open action'});
    expect(calls).toEqual(['open("Checkout down", "P1")']);
    view.unmount();
  });

  it('x asks for impact and root cause and closes only on yes; Esc leaves everything as it was', async () => {
    const {calls, view} = await renderApp(true);
    await view.press('x');
    await view.waitForFrame('impact');
    await view.press('orders failed\r');
    await view.waitForFrame('root-cause summary');
    await view.press('pool leak\r');
    await view.press('y\r');
    await waitFor(() => calls.length > 0, {what: 'the close action'});
    expect(calls).toEqual(['close({"impact":"orders failed","rootCause":"pool leak"})']);
    // S (not s, which sorts the connections) opens the status dialog; Esc must leave it unused.
    await view.press('S');
    await view.waitForFrame('Status ›');
    await view.press(keys.escape);
    await view.waitForFrame((frame) => !frame.includes('Status ›'));
    expect(calls).toHaveLength(1);
    view.unmount();
  });
});
