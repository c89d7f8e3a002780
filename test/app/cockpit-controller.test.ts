import {afterAll, describe, expect, it} from 'vitest';
import {connectionSaturationRule} from '../../source/alerts/database-rules';
import {CockpitController} from '../../source/app/cockpit-controller';
import {connectionsProbe} from '../../source/probes/connections/connections-probe';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {storeTimelineSink} from '../../source/timeline/timeline-sink';
import {createTestDatabase, waitFor} from '../helpers/database';

const database = await createTestDatabase();

describe('CockpitController', () => {
  const store = createCockpitStore({databaseLabel: 'test'});
  // A limit of 0.0 makes any connection count saturate, to see an alert reach the timeline.
  const alwaysSaturated = {...connectionSaturationRule, raiseAt: 0, clearAt: 0};
  const controller = new CockpitController({
    store,
    timeline: storeTimelineSink(store),
    probes: [connectionsProbe],
    rules: [alwaysSaturated],
  });
  controller.start(parseConnectionTarget(database.url));
  afterAll(() => controller.stop());

  it('fills the store with probe data, history samples and connection state', async () => {
    await waitFor(() => store.getState().probes.connections?.data, {what: 'connections data'});
    expect(store.getState().database.status.kind).toBe('connected');
    expect(store.getState().history['connections.total']?.length).toBeGreaterThan(0);
  });

  it('turns a raised alert into a timeline entry', async () => {
    await waitFor(() => store.getState().timeline.find((entry) => entry.kind === 'alert.raised'), {
      what: 'alert event',
    });
    expect(store.getState().alerts.map((alert) => alert.ruleId)).toEqual(['connection-saturation']);
  });

  it('records the database outage and the recovery as timeline events', async () => {
    await database.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'incident-cockpit' AND datname = current_database()`,
    );
    await waitFor(
      () => store.getState().timeline.find((entry) => entry.kind === 'database.recovered'),
      {what: 'recovery event', timeoutMs: 15_000},
    );
    const kinds = store.getState().timeline.map((entry) => entry.kind);
    expect(kinds.indexOf('database.outage')).toBeLessThan(kinds.indexOf('database.recovered'));
  });
});
