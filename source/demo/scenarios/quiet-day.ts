import type {Scenario} from './scenario';
import {healthyTraffic} from './traffic';

/** Nothing wrong: steady traffic, for learning the screen without alarms. */
export const quietDay: Scenario = {
  name: 'quiet-day',
  description: 'healthy traffic only, no incident',
  durationSeconds: 600,
  async tick(world) {
    await healthyTraffic(world, {campaignAdvancing: true});
  },
  async reset() {},
};
