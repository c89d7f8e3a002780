import type {CockpitStore} from '../store/cockpit-store';

/** Something that happened, as the cockpit reports it to the timeline. */
export type TimelineEventInput = {
  /** Dotted kind: `alert.raised`, `database.outage`, `action.terminate`, `note`, … */
  kind: string;
  text: string;
  actor?: string;
  data?: Record<string, unknown>;
};

/** Where timeline events go; resolves once the event is safely recorded and may be shown. */
export type TimelineSink = {record: (event: TimelineEventInput) => Promise<void>};

/** A sink that keeps events in the store only (no incident open, nothing written to disk). */
export function storeTimelineSink(store: CockpitStore, now: () => number = Date.now): TimelineSink {
  let sequence = 0;
  return {
    record: async (event) => {
      sequence += 1;
      store.getState().appendTimeline([
        {
          id: `memory-${sequence}`,
          at: now(),
          kind: event.kind,
          actor: event.actor ?? 'cockpit',
          text: event.text,
        },
      ]);
    },
  };
}
