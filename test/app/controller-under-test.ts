import {afterAll} from 'vitest';
import {CockpitController} from '../../source/app/cockpit-controller';
import type {ApplicationSettings} from '../../source/config/application-settings';
import type {ProbeDefinition} from '../../source/probes/probe-types';
import {parseConnectionTarget} from '../../source/sources/connection-target';
import type {LifelineOptions} from '../../source/sources/postgres-lifeline';
import {createCockpitStore} from '../../source/store/cockpit-store';
import {storeTimelineSink} from '../../source/timeline/timeline-sink';

/** A real controller (lifeline, scheduler, alerts, timeline) on `url`, stopped after the file. */
export function startController(
  url: string,
  options: {
    statementTimeoutMs?: number;
    lifeline?: Partial<LifelineOptions>;
    probes?: ProbeDefinition[];
    refreshSeconds?: number;
    application?: ApplicationSettings;
  } = {},
) {
  const target = parseConnectionTarget(url);
  const store = createCockpitStore({
    databaseLabel: target.label,
    refreshSeconds: options.refreshSeconds ?? 0.5,
  });
  const controller = new CockpitController({
    store,
    timeline: storeTimelineSink(store),
    statementTimeoutMs: options.statementTimeoutMs,
    probes: options.probes,
    application: options.application,
    lifeline: {backoff: {initialMs: 100, maxMs: 1000}, ...options.lifeline},
  });
  controller.start(target);
  afterAll(() => controller.stop());
  const timelineKinds = () => store.getState().timeline.map((entry) => entry.kind);
  return {store, controller, timelineKinds};
}
