import {describe, expect, it} from 'vitest';
import {foldIncident} from '../../source/incidents/incident-fold';
import {incidentIdFor} from '../../source/incidents/incident-id';
import {effectiveMilestones, incidentDurations} from '../../source/incidents/milestones';
import {backdatedTime, noteData} from '../../source/incidents/note-input';
import type {JournalEvent} from '../../source/journal/journal-event';

let seq = 0;
const event = (minute: number, type: string, data: Record<string, unknown>): JournalEvent => ({
  v: 1,
  seq: ++seq,
  at: new Date(Date.parse('2026-11-26T14:00:00.000Z') + minute * 60_000).toISOString(),
  actor: {user: 'alice', source: 'cockpit'},
  type,
  data,
});

describe('foldIncident', () => {
  it('folds severity, status, roles, impact and milestones into the incident', () => {
    const incident = foldIncident([
      event(0, 'opened', {id: 'i', title: 'Checkout down', severity: 'P2'}),
      event(1, 'alert.raised', {text: 'earlier alert', occurredAt: '2026-11-26T13:52:00.000Z'}),
      event(2, 'severity.changed', {from: 'P2', to: 'P0'}),
      event(3, 'role.assigned', {role: 'liaison', person: 'dana'}),
      event(4, 'status.changed', {from: 'investigating', to: 'identified'}),
      event(9, 'status.changed', {from: 'identified', to: 'monitoring'}),
      event(10, 'impact.set', {impact: '30% of orders failed'}),
      event(12, 'milestone', {milestone: 'acknowledged', occurredAt: '2026-11-26T13:58:00.000Z'}),
      event(20, 'closed', {rootCause: 'pool leak'}),
      event(21, 'hologram', {}),
    ])!;
    expect(incident).toMatchObject({
      severity: 'P0',
      status: 'resolved',
      roles: {commander: 'alice', liaison: 'dana'},
      impact: '30% of orders failed',
      rootCause: 'pool leak',
      closedAt: '2026-11-26T14:20:00.000Z',
      milestones: {acknowledged: '2026-11-26T13:58:00.000Z'},
      impliedMilestones: {
        started: {at: '2026-11-26T14:00:00.000Z', by: 'the incident was opened'},
        detected: {at: '2026-11-26T13:52:00.000Z', by: 'the first alert'},
        mitigated: {at: '2026-11-26T14:09:00.000Z', by: 'the status became monitoring'},
        resolved: {at: '2026-11-26T14:20:00.000Z', by: 'the incident was closed'},
      },
    });
    // The start the opening implies came after the alert that detected it: it cannot follow
    // detection, so it is shown at detection and no time to detect is claimed.
    expect(effectiveMilestones(incident).started).toMatchObject({
      at: Date.parse('2026-11-26T13:52:00.000Z'),
      movedTo: 'detected',
    });
    expect(incidentDurations(incident)).toEqual({
      toAcknowledge: 360,
      toMitigate: 1020,
      toResolve: 1680,
    });
  });

  it('is undefined without an opened event', () => {
    expect(foldIncident([event(0, 'note', {text: 'x'})])).toBeUndefined();
  });
});

describe('incident input', () => {
  it('makes sortable, date-based ids', () => {
    expect(incidentIdFor('DB connection exhaustion!', Date.parse('2026-11-26T14:32:10Z'))).toBe(
      '2026-11-26-1432-db-connection-exhaustion',
    );
    expect(incidentIdFor('💥', Date.parse('2026-11-26T14:32:10Z'))).toBe(
      '2026-11-26-1432-incident',
    );
  });

  it('back-dates to yesterday a time that is still ahead today', () => {
    const now = Date.parse('2026-11-27T00:10:00Z');
    expect(new Date(backdatedTime('23:50', now, 'utc')).toISOString()).toBe(
      '2026-11-26T23:50:00.000Z',
    );
    expect(new Date(backdatedTime('00:05', now, 'utc')).toISOString()).toBe(
      '2026-11-27T00:05:00.000Z',
    );
    expect(() => backdatedTime('25:00', now, 'utc')).toThrow(/--at must be a time/);
    expect(noteData({text: 'restart #Fix', tags: ['followup'], now, zone: 'utc'})).toEqual({
      text: 'restart #Fix',
      tags: ['fix', 'followup'],
    });
  });
});
