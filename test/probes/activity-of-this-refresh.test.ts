import {describe, expect, it} from 'vitest';
import {
  type ActivityRead,
  activityOfThisRefresh,
  shareActivityRead,
} from '../../source/probes/activity-of-this-refresh';
import type {SessionInfo} from '../../source/probes/session-info';
import type {PostgresLifeline} from '../../source/sources/postgres-lifeline';

// Only the lifeline's identity matters here: it keys the shared read.
const lifeline = () => ({}) as PostgresLifeline;
const sessions = new Map([[7, {pid: 7} as SessionInfo]]);

describe('the activity read of this refresh', () => {
  it('waits for a read under way and hands over what it saw', async () => {
    const line = lifeline();
    let finish!: (read: ActivityRead) => void;
    shareActivityRead(line, new Promise((resolve) => (finish = resolve)), 1000);
    const waiting = activityOfThisRefresh(line, 1200);
    finish({readAt: 1100, sessions, lockWaiters: 2});
    expect((await waiting)?.sessions.get(7)).toEqual({pid: 7});
    expect((await waiting)?.lockWaiters).toBe(2);
  });

  it('is not used by a run that began long after the read did', async () => {
    const line = lifeline();
    shareActivityRead(line, Promise.resolve({readAt: 1000, sessions, lockWaiters: 0}), 1000);
    expect(await activityOfThisRefresh(line, 1500)).toBeDefined();
    expect(await activityOfThisRefresh(line, 1501)).toBeUndefined();
  });

  it('is nothing when the read failed or there was none', async () => {
    const line = lifeline();
    expect(await activityOfThisRefresh(line, 0)).toBeUndefined();
    shareActivityRead(line, Promise.reject(new Error('connection lost')), 0);
    expect(await activityOfThisRefresh(line, 10)).toBeUndefined();
  });
});
