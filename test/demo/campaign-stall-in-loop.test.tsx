import {afterAll, describe, expect, it} from 'vitest';
import {applicationRules} from '../../source/alerts/application-rules';
import {recordAlertChanges} from '../../source/app/alert-timeline';
import {writeRefresh} from '../../source/app/write-refresh';
import {startDemoEdgeFunctions} from '../../source/demo/demo-edge-functions';
import {demoApplicationSettings} from '../../source/demo/demo-settings';
import {DemoWorld} from '../../source/demo/demo-world';
import {blackFriday} from '../../source/demo/scenarios/black-friday';
import {seedDemoDatabase} from '../../source/demo/start-demo';
import {createCampaignsProbe} from '../../source/probes/campaigns/campaigns-probe';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {storeTimelineSink} from '../../source/timeline/timeline-sink';
import {ApplicationSettingsProvider} from '../../source/ui/application-settings-context';
import {CampaignsPane} from '../../source/ui/panes/CampaignsPane';
import {campaignRows} from '../../source/ui/panes/campaign-rows';
import {createTestDatabase, type TestDatabase} from '../helpers/database';
import {renderUi} from '../helpers/render-ui';

// The demo's scripted stall, played second by second on its own clock rather than waited for:
// five minutes of the loop take a few seconds here.
const database = await createTestDatabase();
await seedDemoDatabase(database.url);
const edgeFunctions = await startDemoEdgeFunctions();
const settings = demoApplicationSettings(edgeFunctions);
const world = new DemoWorld(database.url);
const lifeline = new PostgresLifeline(parseConnectionTarget(database.url));
lifeline.start();
await lifeline.waitUntilConnected(10_000);
afterAll(async () => {
  await world.close();
  await lifeline.close();
  await edgeFunctions.close();
});

/**
 * The demo's clock, run faster than the wall. The probe asks the server's `now()`, which no
 * test can move, so the clock ages what the demo wrote instead: `settle` moves the campaign's
 * times back by the demo time gone by since the last settle, less the wall time that really
 * passed, and the server then sees exactly the demo's time go by. Only what the campaigns
 * probe reads is moved: targets that left "pending" within the hour, and the start.
 */
function demoClock(target: TestDatabase) {
  let demoNow = Date.now();
  let unsettledSeconds = 0;
  let wallAtLastSettle = Date.now();
  return {
    now: () => demoNow,
    advance: (seconds: number) => {
      demoNow += seconds * 1000;
      unsettledSeconds += seconds;
    },
    settle: async () => {
      const wall = Date.now();
      const age = unsettledSeconds - (wall - wallAtLastSettle) / 1000;
      unsettledSeconds = 0;
      wallAtLastSettle = wall;
      await target.query(
        `UPDATE campaign_targets SET updated_at = updated_at - make_interval(secs => $1)
         WHERE status <> 'pending' AND updated_at > now() - interval '1 hour'`,
        [age],
      );
      await target.query(
        'UPDATE campaigns SET started_at = started_at - make_interval(secs => $1)',
        [age],
      );
    },
  };
}

describe('the demo campaign stall, within one loop of the black-friday scenario', () => {
  it('shows "no progress", drops rate and ETA, and raises campaign-stalled onto the timeline before the loop restarts', async () => {
    const clock = demoClock(database);
    const store = createCockpitStore({databaseLabel: 'demo'});
    const timeline = storeTimelineSink(store, clock.now);
    const probe = createCampaignsProbe(settings.campaigns, clock.now);
    const rules = applicationRules(settings.alerts, clock.now);
    const context = {lifeline, serverVersion: () => lifeline.serverVersion ?? 0, rowLimit: 50};
    const ui = await renderUi({
      columns: 120,
      rows: 24,
      store,
      element: (
        <ApplicationSettingsProvider settings={settings}>
          <CampaignsPane width={110} height={6} focused={false} />
        </ApplicationSettingsProvider>
      ),
    });
    const refresh = async () => {
      const startedAt = clock.now();
      const data = await probe.run(context);
      const {evaluation, now} = writeRefresh(
        store,
        [
          {
            probeId: 'campaigns',
            outcome: {ok: true, data, startedAt, fetchedAt: clock.now(), durationMs: 1},
          },
        ],
        {probes: [probe], rules, intervalOf: () => probe.intervalMs},
      );
      recordAlertChanges(timeline, evaluation, now, 'demo');
      if (!data.available) throw new Error(data.reason);
      return data;
    };
    const frames = new Map<number, string>();
    const states: Array<{elapsed: number; state: string; rate: string; eta: string}> = [];
    let raisedAt: number | undefined;
    let rateWhileAdvancing: {shown: string; movedInFiveMinutes: number} | undefined;

    for (let elapsed = 0; elapsed < blackFriday.durationSeconds; elapsed++) {
      await blackFriday.tick(world, elapsed);
      clock.advance(1);
      // The probe's own interval: every five seconds of the demo's clock.
      const refreshDue = (elapsed + 1) % 5 === 0;
      // While the campaign advances each second's targets must age from their own second.
      if (refreshDue || elapsed < 50) await clock.settle();
      if (!refreshDue) continue;
      const snapshot = await refresh();
      const row = campaignRows(snapshot).find((candidate) => candidate.campaignId === '1')!;
      states.push({
        elapsed: elapsed + 1,
        ...(row.cells as {state: string; rate: string; eta: string}),
      });
      if (elapsed + 1 === 40) {
        const [moved] = await database.query<{n: number}>(
          `SELECT count(*)::int AS n FROM campaign_targets
           WHERE campaign_id = 1 AND status <> 'pending' AND updated_at > now() - interval '5 minutes'`,
        );
        rateWhileAdvancing = {shown: row.cells.rate!, movedInFiveMinutes: moved!.n};
      }
      if (
        raisedAt === undefined &&
        store.getState().alerts.some((a) => a.ruleId === 'campaign-stalled')
      )
        raisedAt = elapsed + 1;
      if ([40, 110, 230].includes(elapsed + 1)) {
        await ui.settle();
        frames.set(elapsed + 1, ui.lastFrame());
      }
    }

    // Advancing: the rate is what left "pending" in the last five minutes, per minute.
    expect(rateWhileAdvancing!.movedInFiveMinutes).toBeGreaterThan(0);
    // (Counted a moment after the probe, so a target or two may have left the window since.)
    expect(
      Math.abs(Number(rateWhileAdvancing!.shown) - rateWhileAdvancing!.movedInFiveMinutes / 5),
    ).toBeLessThanOrEqual(1);
    expect(frames.get(40)).toMatch(/Black Friday reminder.*advancing/);

    // A minute after the stall (45 s) the pane says so, and neither rate nor ETA claims progress.
    const quiet = states.filter((entry) => entry.state.startsWith('no progress for'));
    expect(quiet[0]!.elapsed).toBeLessThanOrEqual(45 + 60 + 5);
    expect(quiet.every((entry) => entry.rate === '–' && entry.eta === '–')).toBe(true);
    expect(frames.get(110)).toMatch(/Black Friday reminder.*–.*–.*no progress for 1m/);
    expect(states.find((entry) => entry.elapsed === 200)?.state).toBe('no progress for 2m');

    // Three quiet minutes (stalledAfterMinutes: 3) reach the stalled state and the alert...
    expect(raisedAt).toBeDefined();
    expect(raisedAt!).toBeGreaterThanOrEqual(45 + 180);
    expect(raisedAt!).toBeLessThan(blackFriday.durationSeconds);
    expect(frames.get(230)).toMatch(/Black Friday reminder.*STALLED 3m\+/);
    // ...which reaches the timeline before the loop starts over.
    const raised = store
      .getState()
      .timeline.filter(
        (entry) => entry.kind === 'alert.raised' && entry.data?.ruleId === 'campaign-stalled',
      );
    expect(raised).toHaveLength(1);
    expect(raised[0]!.text).toBe('warning: Campaign stalled — 1 running campaign(s) not advancing');
    ui.unmount();
  }, 90_000);
});
