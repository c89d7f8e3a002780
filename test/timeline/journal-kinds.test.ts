import {describe, expect, it} from 'vitest';
import {eventInputOf} from '../../source/timeline/journal-kinds';

describe('eventInputOf', () => {
  it('journals the controller kinds as their own event types', () => {
    for (const kind of [
      'alert.raised',
      'alert.cleared',
      'probe.outage',
      'probe.recovered',
      'database.outage',
      'database.recovered',
    ]) {
      expect(eventInputOf({kind, text: 'x', data: {ruleId: 'r'}})).toEqual({
        type: kind,
        data: {ruleId: 'r', text: 'x'},
      });
    }
  });

  it('maps action.* and runbook.step.* prefixes to action and runbook.step events', () => {
    expect(
      eventInputOf({kind: 'action.stop-campaign', text: 'stopped', data: {outcome: '1 row'}}),
    ).toEqual({
      type: 'action',
      data: {action: 'stop-campaign', outcome: '1 row', text: 'stopped'},
    });
    expect(
      eventInputOf({
        kind: 'runbook.step.skipped',
        text: 'skip',
        data: {reason: 'not needed'},
        actor: 'carol',
      }),
    ).toEqual({
      type: 'runbook.step',
      data: {state: 'skipped', reason: 'not needed', text: 'skip', by: 'carol'},
    });
  });

  it('reads note tags from the text and keeps any other kind as a generic event', () => {
    expect(
      eventInputOf({kind: 'note', text: 'it was the pool #RootCause', data: {tags: ['fix']}}),
    ).toEqual({
      type: 'note',
      data: {tags: ['rootcause', 'fix'], text: 'it was the pool #RootCause'},
    });
    expect(eventInputOf({kind: 'share.started', text: 'sharing'})).toEqual({
      type: 'event',
      data: {kind: 'share.started', text: 'sharing'},
    });
  });
});
