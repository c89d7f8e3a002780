import type {DemoWorld} from '../demo-world';

/** A scripted incident: `tick` runs once a second with the seconds since the scenario (re)started. */
export type Scenario = {
  name: string;
  description: string;
  /** After this many seconds everything is undone and the scenario starts over. */
  durationSeconds: number;
  tick: (world: DemoWorld, elapsedSeconds: number) => Promise<void>;
  /** Undoes what the scenario built up (runs before it starts over and when the demo stops). */
  reset: (world: DemoWorld) => Promise<void>;
};
