import {describe, expect, it} from 'vitest';
import {editDialog} from '../../../source/ui/incident/dialog-state';
import {dialogFor, splitBackdate} from '../../../source/ui/incident/incident-dialogs';
import {incidentKeyOutcome} from '../../../source/ui/incident/incident-keys';

function type(dialog: ReturnType<typeof dialogFor>, keys: string[]) {
  let state = dialog;
  for (const key of keys) {
    const outcome = editDialog(state, key);
    if (outcome.answers || outcome.cancel) return outcome;
    state = outcome.state;
  }
  return {state};
}

describe('incident dialogs', () => {
  it('collects a note with tags and a back-dated time', () => {
    const outcome = type(dialogFor('note', undefined), [
      ...'@14:02',
      'space',
      ...'pool',
      'space',
      ...'#fix',
      'enter',
    ]);
    expect(outcome).toMatchObject({answers: ['@14:02 pool #fix']});
    expect(splitBackdate('@14:02 pool #fix')).toEqual({at: '14:02', text: 'pool #fix'});
    expect(splitBackdate('no time here')).toEqual({text: 'no time here'});
  });

  it('refuses an empty title and moves on to the severity choice', () => {
    const empty = type(dialogFor('open', undefined), ['enter']);
    expect(empty.state?.error).toBe('title cannot be empty');
    const outcome = type(dialogFor('open', undefined), [
      ...'Checkout',
      'enter',
      'left',
      'left',
      'enter',
    ]);
    expect(outcome).toMatchObject({answers: ['Checkout', 'P0']});
  });

  it('chooses by digit, by first letter and with arrows, wrapping around', () => {
    expect(type(dialogFor('severity', undefined), ['1', 'enter'])).toMatchObject({answers: ['P1']});
    expect(type(dialogFor('status', undefined), ['3', 'enter'])).toMatchObject({
      answers: ['monitoring'],
    });
    expect(type(dialogFor('status', undefined), ['m', 'enter'])).toMatchObject({
      answers: ['monitoring'],
    });
    expect(type(dialogFor('role', undefined), ['up', 'enter', ...'eve', 'enter'])).toMatchObject({
      answers: ['liaison', 'eve'],
    });
  });

  it('closes only after an explicit yes, and Escape cancels at any step', () => {
    const keys = [...'all checkouts', 'enter', ...'pool leak', 'enter'];
    expect(type(dialogFor('close', undefined), [...keys, 'enter'])).toMatchObject({
      answers: ['all checkouts', 'pool leak', 'no'],
    });
    expect(type(dialogFor('close', undefined), [...keys, 'y', 'enter'])).toMatchObject({
      answers: ['all checkouts', 'pool leak', 'yes'],
    });
    expect(type(dialogFor('close', undefined), ['a', 'escape'])).toMatchObject({cancel: true});
  });

  it('edits text with backspace across wide characters and ignores named keys', () => {
    const outcome = type(dialogFor('impact', undefined), [
      ...'数据库',
      'backspace',
      'tab',
      'ctrl+x',
      'enter',
    ]);
    expect(outcome).toMatchObject({answers: ['数据']});
  });

  it('offers to open an incident only when none is open', () => {
    expect(incidentKeyOutcome('incident.note', {incidentOpen: false, canWrite: true})).toEqual({
      message: 'no incident is open: press o to open one',
    });
    expect(incidentKeyOutcome('incident.open', {incidentOpen: false, canWrite: true})).toEqual({
      overlay: 'incident:open',
    });
    expect(
      incidentKeyOutcome('incident.open', {incidentOpen: true, canWrite: true})?.message,
    ).toMatch(/already open/);
    expect(
      incidentKeyOutcome('incident.close', {incidentOpen: true, canWrite: false})?.message,
    ).toMatch(/cannot/);
    expect(incidentKeyOutcome('focus.next', {incidentOpen: true, canWrite: true})).toBeUndefined();
  });
});
