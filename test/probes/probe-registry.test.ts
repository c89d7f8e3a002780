import {describe, expect, it} from 'vitest';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {allProbes} from '../../source/probes/probe-registry';
import {ProbeScheduler} from '../../source/probes/probe-scheduler';
import type {ProbeContext} from '../../source/probes/probe-types';

describe('the probes the cockpit runs', () => {
  it('keeps the application panes on their own interval whatever --refresh says', () => {
    const probes = allProbes(resolveApplicationSettings({panes: {refreshSeconds: 8}}));
    const scheduler = new ProbeScheduler(probes, {} as ProbeContext, () => undefined);
    // --refresh 1 against the 2 s base interval.
    scheduler.setIntervalScale(0.5);
    const intervals = Object.fromEntries(
      probes.map((probe) => [probe.id, scheduler.intervalOf(probe)]),
    );
    expect(intervals).toMatchObject({
      connections: 1000,
      locks: 1000,
      dlq: 8000,
      email: 8000,
      campaigns: 8000,
      integrations: 10_000,
    });
  });

  it('refreshes the application panes every 10 s by default', () => {
    const probes = allProbes(resolveApplicationSettings());
    for (const id of ['dlq', 'email', 'campaigns'])
      expect(probes.find((probe) => probe.id === id)).toMatchObject({
        intervalMs: 10_000,
        fixedInterval: true,
      });
  });
});
