import {describe, expect, it} from 'vitest';
import {incidentActionsOf} from '../../source/incidents/incident-actions';
import {IncidentSession} from '../../source/incidents/incident-session';
import {effectiveMilestones, incidentDurations} from '../../source/incidents/milestones';
import {renderMarkdownReport} from '../../source/report/markdown-report';
import {writeReportFile} from '../../source/report/write-report';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {createCockpitHome} from '../helpers/cockpit-home';

/** An incident journaled through a session whose clock the test moves. */
async function journaledIncident(script: (step: Steps) => Promise<void>) {
  const home = await createCockpitHome();
  let clock = Date.parse('2026-11-27T06:06:15.000Z');
  const now = () => clock;
  const session = new IncidentSession(createCockpitStore({databaseLabel: 'x'}), {
    home,
    actor: {user: 'alice', source: 'cockpit'},
    knownSecrets: [],
    now,
    writeReport: (events) => writeReportFile(home, events),
  });
  const actions = incidentActionsOf(session, {zone: 'utc', now});
  await actions.open('Checkout failing', 'P1');
  await script({actions, at: (iso) => (clock = Date.parse(iso))});
  const incident = session.incident!;
  const events = [...session.events];
  await actions.close({impact: '', rootCause: ''});
  const closedEvents = [...events];
  session.stop();
  return {incident, events, closedEvents};
}
type Steps = {actions: ReturnType<typeof incidentActionsOf>; at: (iso: string) => number};

const milestoneRows = (report: string) =>
  Object.fromEntries(
    report
      .split('\n')
      .filter((line) => /^\| (Started|Detected|Acknowledged|Mitigated|Resolved) \|/.test(line))
      .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| | \|$/g, '')))
      .map(([name, time, source]) => [name, {time, source}]),
  );

describe('milestones in the report', () => {
  it('with only a back-dated detection, implies nothing before it and claims no 0 s', async () => {
    const {incident, events} = await journaledIncident(async ({actions, at}) => {
      at('2026-11-27T06:10:00.000Z');
      await actions.markMilestone('detected', '06:02');
      at('2026-11-27T06:30:00.000Z');
    });
    const effective = effectiveMilestones(incident);
    const order = ['started', 'detected', 'acknowledged'] as const;
    for (let index = 1; index < order.length; index++)
      expect(effective[order[index]!]!.at).toBeGreaterThanOrEqual(effective[order[index - 1]!]!.at);
    expect(effective.detected).toEqual({
      at: Date.parse('2026-11-27T06:02:00.000Z'),
      recorded: true,
    });

    const report = renderMarkdownReport(events);
    const rows = milestoneRows(report);
    expect(rows.Detected).toEqual({time: '2026-11-27 06:02:00 UTC', source: 'recorded'});
    expect(rows.Acknowledged).toEqual({
      time: '2026-11-27 06:06:15 UTC',
      source: 'implied: the incident was opened',
    });
    expect(rows.Started?.source).toMatch(/^implied: the incident was opened, shown at detection/);
    expect(rows.Mitigated).toEqual({time: '–', source: 'not recorded'});
    expect(report).toContain(
      '- Time to acknowledge (from detection): 4m15s (acknowledgement implied, not recorded)',
    );
    expect(report).toMatch(/- Time to detect: not measured/);
    expect(report).toMatch(
      /- Time to mitigate \(from detection\): not measured: mitigation not recorded/,
    );
    expect(report).not.toMatch(/: 0ms|: 0s\b/);
  });

  it('keeps an implied acknowledgement after a detection recorded later than the opening', async () => {
    const {incident, closedEvents} = await journaledIncident(async ({actions, at}) => {
      at('2026-11-27T06:10:00.000Z');
      await actions.markMilestone('detected');
      at('2026-11-27T06:20:00.000Z');
      await actions.setStatus('monitoring');
    });
    const effective = effectiveMilestones(incident);
    expect(effective.acknowledged).toMatchObject({
      at: Date.parse('2026-11-27T06:10:00.000Z'),
      recorded: false,
      movedTo: 'detected',
    });
    expect(effective.mitigated).toMatchObject({
      at: Date.parse('2026-11-27T06:20:00.000Z'),
      impliedBy: 'the status became monitoring',
    });
    expect(incidentDurations(incident)).toEqual({toDetect: 225, toMitigate: 600});
    const report = renderMarkdownReport(closedEvents);
    expect(milestoneRows(report).Acknowledged?.source).toBe(
      'implied: the incident was opened, shown at detection as it cannot precede it',
    );
    expect(report).toContain(
      '- Time to mitigate (from detection): 10m00s (mitigation implied, not recorded)',
    );
  });
});
