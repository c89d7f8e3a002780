import type {DemoWorld} from './demo-world';
import type {Scenario} from './scenarios/scenario';

/** Plays a scenario once a second, starting over after its duration. A failed tick is skipped, never fatal. */
export function playScenario(
  scenario: Scenario,
  world: DemoWorld,
  onError: (error: unknown) => void = () => undefined,
) {
  let elapsed = 0;
  let busy = false;
  let stopped = false;
  const timer = setInterval(async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      if (elapsed >= scenario.durationSeconds) {
        await scenario.reset(world);
        elapsed = 0;
      }
      await scenario.tick(world, elapsed);
    } catch (error) {
      onError(error);
    } finally {
      elapsed += 1;
      busy = false;
    }
  }, 1000);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await scenario.reset(world).catch(() => undefined);
      await world.close();
    },
  };
}
