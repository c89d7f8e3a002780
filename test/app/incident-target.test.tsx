import {describe, expect, it} from 'vitest';
import {resumeForTarget, withElsewhereIncident} from '../../source/app/resume-elsewhere';
import {demoHome} from '../../source/commands/demo-command';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {incidentActionsOf} from '../../source/incidents/incident-actions';
import {readIncident} from '../../source/incidents/incident-catalog';
import {IncidentSession} from '../../source/incidents/incident-session';
import {targetOf} from '../../source/incidents/incident-target';
import {writeReportFile} from '../../source/report/write-report';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {runPaletteLine} from '../../source/ui/command-line/palette-commands';
import {startController} from '../app/controller-under-test';
import {createCockpitHome} from '../helpers/cockpit-home';
import {createTestDatabase, waitFor} from '../helpers/database';
import {renderUi} from '../helpers/render-ui';

const database = await createTestDatabase();

function sessionOn(home: string, target: string) {
  const store = createCockpitStore({databaseLabel: target});
  const session = new IncidentSession(store, {
    home,
    actor: {user: 'alice', source: 'cockpit'},
    knownSecrets: [],
    metricsEveryMs: 60_000,
    writeReport: (events) => writeReportFile(home, events),
    target,
  });
  const context = {session, store, home};
  const actions = withElsewhereIncident(incidentActionsOf(session, {zone: 'utc'}), context);
  return {store, session, context, actions};
}

describe('the database target of an incident', () => {
  it('gives the demo a home of its own under COCKPIT_HOME', () => {
    expect(demoHome({COCKPIT_HOME: '/srv/cockpit'})).toBe('/srv/cockpit/demo');
  });

  it('is recorded in the opened event, as a label without credentials', async () => {
    const home = await createCockpitHome();
    const {session} = sessionOn(home, 'oncall@db.example.com:5432/app');
    const id = await session.open('Checkout failing', 'P1');
    session.stop();
    const stored = await readIncident(home, id);
    expect(targetOf(stored!)).toBe('oncall@db.example.com:5432/app');
  });

  it('is recorded on every alert event', async () => {
    // A signal that is always over its threshold raises an alert through the controller.
    const application = resolveApplicationSettings({
      signals: [{name: 'always-high', sql: 'SELECT 5', warn: 1}],
    });
    const {store} = startController(database.url, {application});
    const raised = await waitFor(() =>
      store.getState().timeline.find((entry) => entry.kind === 'alert.raised'),
    );
    expect(raised!.data).toMatchObject({
      ruleId: 'signal:always-high',
      target: store.getState().database.label,
    });
    expect(String(raised!.data?.target)).toMatch(/^postgres@127\.0\.0\.1:\d+\/test_\w+$/);
  });

  it('resumes an incident opened on the same database, and only names one opened elsewhere', async () => {
    const home = await createCockpitHome();
    const first = sessionOn(home, 'oncall@db-a:5432/app');
    const id = await first.session.open('Queue growing on A', 'P2');
    first.session.stop();

    const same = sessionOn(home, 'oncall@db-a:5432/app');
    expect(await resumeForTarget(same.context, 'oncall@db-a:5432/app')).toBe(true);
    expect(same.store.getState().incident?.id).toBe(id);
    same.session.stop();

    const other = sessionOn(home, 'oncall@db-b:5432/app');
    expect(await resumeForTarget(other.context, 'oncall@db-b:5432/app')).toBe(false);
    expect(other.session.isOpen).toBe(false);
    expect(other.store.getState().ui.incidentElsewhere).toEqual({
      id,
      target: 'oncall@db-a:5432/app',
    });

    const ui = await renderUi({columns: 200, rows: 60, store: other.store});
    const frame = await ui.waitForFrame('is open on');
    expect(frame).toContain(
      `incident ${id} is open on oncall@db-a:5432/app: o opens a new one, :resume keeps it`,
    );
    ui.unmount();

    // :resume keeps it.
    let message = '';
    expect(
      runPaletteLine('resume', {
        focus: () => undefined,
        toggleHelp: () => undefined,
        quit: () => undefined,
        openRunbook: () => '',
        resumeIncident: () => {
          void other.actions.resumeElsewhere!().then((text) => {
            message = text;
          });
          return 'resuming…';
        },
      }),
    ).toBe('resuming…');
    await waitFor(() => message);
    expect(message).toBe(`resumed incident ${id}, opened on oncall@db-a:5432/app`);
    expect(other.session.incident?.id).toBe(id);
    expect(other.store.getState().ui.incidentElsewhere).toBeUndefined();
    other.session.stop();
  });

  it('o opens a new incident for this database instead, which later runs resume', async () => {
    const home = await createCockpitHome();
    const onA = sessionOn(home, 'a');
    await onA.session.open('On A', 'P2');
    onA.session.stop();
    const onB = sessionOn(home, 'b');
    await resumeForTarget(onB.context, 'b');
    const line = await onB.actions.open('On B', 'P1');
    expect(line).toMatch(/^opened incident /);
    expect(onB.store.getState().ui.incidentElsewhere).toBeUndefined();
    onB.session.stop();
    const again = sessionOn(home, 'b');
    expect(await resumeForTarget(again.context, 'b')).toBe(true);
    expect(again.session.incident?.title).toBe('On B');
    again.session.stop();
    const backOnA = sessionOn(home, 'a');
    expect(await resumeForTarget(backOnA.context, 'a')).toBe(true);
    expect(backOnA.session.incident?.title).toBe('On A');
    backOnA.session.stop();
  });
});
