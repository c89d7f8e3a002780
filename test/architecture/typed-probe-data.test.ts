import {describe, expect, it} from 'vitest';
import {databaseRules} from '../../source/alerts/database-rules';
import {metricSeries} from '../../source/probes/metric-series';
import {probeRegistry} from '../../source/probes/probe-registry';
import {keyMetricSeries} from '../../source/report/key-metrics';
import {createCockpitStore} from '../../source/store/cockpit-store';

describe('probe data typed by probe id', () => {
  it('registers each probe under its own id', () => {
    for (const [id, probe] of Object.entries(probeRegistry())) expect(probe.id).toBe(id);
  });

  it('lets the compiler refuse a probe id or a series name that nothing records', () => {
    const state = createCockpitStore({databaseLabel: 'x'}).getState();
    // The misspellings below are what the report and a rule once read; `tsc` rejects each.
    // @ts-expect-error no probe has the id `emails` (the failed-emails probe is `email`)
    expect(state.probes.emails).toBeUndefined();
    // @ts-expect-error no probe records `locks.blocked` (the locks probe records `locks.waiting`)
    expect(state.history['locks.blocked']).toBeUndefined();
    // A snapshot read from the store is typed without a cast: `waiting` is a number here.
    const waiting: number | undefined = state.probes.locks?.data?.waiting;
    expect(waiting).toBeUndefined();
    expect(databaseRules.length).toBeGreaterThan(0);
  });

  it('names only declared series among the report key metrics', () => {
    for (const series of keyMetricSeries) expect(Object.keys(metricSeries)).toContain(series);
  });
});
