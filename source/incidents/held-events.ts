import type {EventInput} from '../journal/journal-event';

/** An event that could not be journaled yet, with when it happened. */
export type HeldEvent = {input: EventInput; at: number};

/** What the header shows while events wait in memory. */
export type HeldSummary = {count: number; since: number; dropped: number; reason: string};

/** How many events wait in memory at most; past it the oldest automatic ones are dropped. */
export const heldEventLimit = 5000;

/**
 * The events raised while the journal could not be written (a full disk, a lost lock), kept in
 * memory in order until it can. Bounded: past {@link heldEventLimit} the oldest automatic event
 * is dropped (and counted, and the count journaled); a note someone typed is never dropped.
 */
export class HeldEvents {
  private readonly events: HeldEvent[] = [];
  private dropped = 0;
  private since: number | undefined;
  private reason = '';
  private gapWritten = false;

  constructor(private readonly limit = heldEventLimit) {}

  get size(): number {
    return this.events.length;
  }

  /** Keeps `input`, which happened at `at`, behind the events already held. */
  hold(input: EventInput, at: number, reason: string): void {
    this.since ??= at;
    this.reason = reason;
    this.events.push({input, at});
    if (this.events.length > this.limit) {
      const index = this.events.findIndex((event) => event.input.type !== 'note');
      if (index >= 0) {
        this.events.splice(index, 1);
        this.dropped += 1;
      }
    }
  }

  /** The held events, oldest first. */
  list(): readonly HeldEvent[] {
    return this.events;
  }

  /** The header's summary, undefined when nothing is held. */
  summary(): HeldSummary | undefined {
    if (this.since === undefined) return undefined;
    return {
      count: this.events.length,
      since: this.since,
      dropped: this.dropped,
      reason: this.reason,
    };
  }

  /**
   * Writes the gap, then every held event in order, through `append`; stops at the first failure
   * and keeps what is left (the gap is written again, with the later end, next time).
   */
  async flush(append: (input: EventInput) => Promise<unknown>, now: number): Promise<boolean> {
    // The gap is journaled once, before the first held event; a failure after it keeps the rest.
    if (this.since === undefined) return true;
    if (!this.gapWritten) {
      await append(this.gapEvent(now));
      this.gapWritten = true;
    }
    while (this.events.length > 0) {
      const next = this.events[0]!;
      await append(next.input);
      this.events.shift();
    }
    this.since = undefined;
    this.dropped = 0;
    this.gapWritten = false;
    return true;
  }

  private gapEvent(now: number): EventInput {
    const from = new Date(this.since!).toISOString();
    const to = new Date(now).toISOString();
    const dropped =
      this.dropped > 0 ? `, ${this.dropped} dropped past the limit of ${this.limit}` : '';
    return {
      type: 'event',
      data: {
        kind: 'journal.gap',
        text: `the journal could not be written from ${from} to ${to} (${this.reason}); ${this.events.length} events kept in memory were written late${dropped}`,
        from,
        to,
        held: this.events.length,
        dropped: this.dropped,
        reason: this.reason,
        occurredAt: from,
      },
    };
  }
}
