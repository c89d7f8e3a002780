import {describe, expect, it} from 'vitest';
import {reuseUnchanged} from '../../source/store/reuse-unchanged';

const sessions = () => ({
  readAt: 1000,
  rows: [
    {pid: 1, state: 'idle', query: 'SELECT 1'},
    {pid: 2, state: 'active', query: 'SELECT pg_sleep(1)'},
  ],
});

describe('reuseUnchanged', () => {
  it('gives back the previous snapshot when the new one says the same', () => {
    const previous = sessions();
    expect(reuseUnchanged(previous, sessions())).toBe(previous);
  });

  it('keeps every unchanged row as the same object when one row changed', () => {
    const previous = sessions();
    const next = sessions();
    next.rows[1]!.state = 'idle in transaction';
    const merged = reuseUnchanged(previous, next);
    expect(merged).not.toBe(previous);
    expect(merged.rows[0]).toBe(previous.rows[0]);
    expect(merged.rows[1]).not.toBe(previous.rows[1]);
    expect(merged).toEqual(next);
    expect(merged.rows[1]!.state).toBe('idle in transaction');
  });

  it('sees an added, a removed and a renamed key, and a longer or shorter list', () => {
    const previous = sessions();
    expect(reuseUnchanged(previous, {...sessions(), extra: 1})).not.toBe(previous);
    const {readAt: _readAt, ...withoutReadAt} = sessions();
    expect(reuseUnchanged(previous, withoutReadAt)).not.toBe(previous);
    expect(reuseUnchanged({a: undefined}, {b: undefined})).toEqual({b: undefined});
    const shorter = {...sessions(), rows: sessions().rows.slice(0, 1)};
    const merged = reuseUnchanged(previous, shorter);
    expect(merged).not.toBe(previous);
    expect(merged.rows).toHaveLength(1);
    expect(merged.rows[0]).toBe(previous.rows[0]);
    const longer = {...sessions(), rows: [...sessions().rows, {pid: 3, state: 'idle', query: ''}]};
    expect(reuseUnchanged(previous, longer).rows).toHaveLength(3);
  });

  it('treats values of other kinds as changed unless identical', () => {
    expect(reuseUnchanged([1, 2], {0: 1, 1: 2})).toEqual({0: 1, 1: 2});
    const date = new Date(0);
    expect(reuseUnchanged(new Date(0), date)).toBe(date);
    expect(reuseUnchanged(Number.NaN, Number.NaN)).toBeNaN();
  });

  it('settles a row listed twice once, whatever the other list held before', () => {
    const listed = () => {
      const rows = sessions().rows;
      return {rows, active: [rows[1]!], oldest: [rows[0]!, rows[1]!]};
    };
    const previous = listed();
    const next = listed();
    next.rows[1]!.query = 'SELECT pg_sleep(2)';
    const merged = reuseUnchanged(previous, next);
    expect(merged.rows[0]).toBe(previous.rows[0]);
    expect(merged.oldest[0]).toBe(previous.rows[0]);
    // The changed row is one object wherever it is listed, as the probe gave it.
    expect(merged.active[0]).toBe(merged.rows[1]);
    expect(merged.oldest[1]).toBe(merged.rows[1]);
    expect(merged.active).not.toBe(previous.active);
    expect(merged).toEqual(next);
    expect(reuseUnchanged(previous, listed())).toBe(previous);
  });
});

describe('reuseUnchanged with keys taken as they come', () => {
  const snapshot = () => ({
    groups: {application: [{key: 'api', sessions: 2}]},
    total: 2,
    sessions: sessions().rows,
  });

  it('takes the fresh keys as they come and shares the unchanged rest', () => {
    const previous = snapshot();
    const next = snapshot();
    const merged = reuseUnchanged(previous, next, ['sessions']);
    expect(merged.sessions).toBe(next.sessions);
    expect(merged.sessions[0]).toBe(next.sessions[0]);
    expect(merged.groups).toBe(previous.groups);
    expect(merged).toEqual(next);
  });

  it('sees a change outside the fresh keys, and a fresh key that is gone', () => {
    const previous = snapshot();
    const next = {...snapshot(), groups: {application: [{key: 'api', sessions: 3}]}};
    const merged = reuseUnchanged(previous, next, ['sessions']);
    expect(merged.groups).toBe(next.groups);
    const {sessions: _gone, ...without} = snapshot();
    expect(reuseUnchanged(previous, without, ['sessions'])).toEqual(without);
  });
});
