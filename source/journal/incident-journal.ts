import {open} from 'node:fs/promises';
import {dirname} from 'node:path';
import {
  type EventActor,
  type EventInput,
  type JournalEvent,
  journalFormatVersion,
  serializeEvent,
} from './journal-event';
import {type HeldLock, type LockOptions, removeAbandonedDrafts, withFileLock} from './journal-lock';
import {JournalTail} from './journal-tail';
import {redactDeep} from './redact-event-data';

/** How a journal writes: who signs the events, which secrets never reach the disk, the clock. */
export type JournalOptions = {
  actor: EventActor;
  knownSecrets?: readonly string[];
  now?: () => number;
  lock?: LockOptions;
};

/** Receives events as they become durable: this process's after fsync, others' when seen. */
export type JournalListener = (events: JournalEvent[], warnings: string[]) => void;

/**
 * One incident's append-only JSON Lines journal. `append` resolves only after the line is written
 * with one `write` and fsynced; listeners hear of every event (this process's and those appended
 * by other processes, picked up by {@link refresh}) exactly once, in journal order.
 */
export class IncidentJournal {
  readonly events: JournalEvent[] = [];
  readonly warnings: string[] = [];
  private readonly tail: JournalTail;
  private readonly listeners = new Set<JournalListener>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly options: JournalOptions,
  ) {
    this.tail = new JournalTail(path);
  }

  /** Opens an existing journal and reads it. */
  static async open(path: string, options: JournalOptions): Promise<IncidentJournal> {
    const journal = new IncidentJournal(path, options);
    await removeAbandonedDrafts(`${path}.lock`);
    await journal.refresh();
    const unfinished = journal.tail.unfinishedWarning();
    if (unfinished) journal.warnings.push(unfinished);
    return journal;
  }

  /** Creates a new journal (mode 0600, failing if it exists) whose first event is `first`. */
  static async create(
    path: string,
    first: EventInput,
    options: JournalOptions,
  ): Promise<IncidentJournal> {
    await (await open(path, 'wx', 0o600)).close();
    await syncDirectory(dirname(path));
    const journal = new IncidentJournal(path, options);
    await journal.append(first);
    return journal;
  }

  /** Calls `listener` for every event from now on; returns the unsubscribe function. */
  subscribe(listener: JournalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends one event; resolves with it once it is on disk. */
  append(input: EventInput): Promise<JournalEvent> {
    return this.serialize(() =>
      withFileLock(
        `${this.path}.lock`,
        (lock) => this.appendLocked(input, lock),
        this.options.lock,
      ),
    );
  }

  /** Resolves once every append asked for so far is on disk (or has failed). */
  async settled(): Promise<void> {
    await this.queue;
  }

  /** Reads what other processes appended since the last read and tells the listeners. */
  refresh(): Promise<void> {
    return this.serialize(() => this.catchUp());
  }

  private async appendLocked(input: EventInput, lock: HeldLock): Promise<JournalEvent> {
    await this.catchUp();
    const handle = await open(this.path, 'a', 0o600);
    try {
      if (this.tail.pendingBytes > 0) {
        // A writer died mid-line. End that line so it stays one bad line instead of swallowing ours.
        await writeFully(handle, Buffer.from('\n'));
        await this.catchUp();
      }
      const now = this.options.now ?? Date.now;
      const event: JournalEvent = {
        v: journalFormatVersion,
        seq: this.tail.lastSeq + 1,
        at: new Date(now()).toISOString(),
        actor: input.actor ?? this.options.actor,
        type: input.type,
        data: redactDeep(input.data, this.options.knownSecrets ?? []),
      };
      const line = Buffer.from(serializeEvent(event));
      await lock.confirm();
      try {
        await writeFully(handle, line);
        await handle.sync();
      } catch (error) {
        // A full disk took part of the line: take it back, so the journal holds no torn line
        // and the space goes back to the next try. Still under the lock, so the end is ours.
        await handle.truncate(this.tail.offset).catch(() => undefined);
        throw error;
      }
      this.tail.offset += line.length;
      this.tail.lineCount += 1;
      this.tail.lastSeq = event.seq;
      this.deliver([event], []);
      return event;
    } finally {
      await handle.close();
    }
  }

  private async catchUp(): Promise<void> {
    const read = await this.tail.readNew();
    if (read.events.length > 0 || read.warnings.length > 0)
      this.deliver(read.events, read.warnings);
  }

  private deliver(events: JournalEvent[], warnings: string[]): void {
    for (const event of events) this.events.push(event);
    for (const warning of warnings) this.warnings.push(warning);
    for (const listener of this.listeners) listener(events, warnings);
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

async function writeFully(handle: Awaited<ReturnType<typeof open>>, buffer: Buffer): Promise<void> {
  // One write call for the whole line; the loop only runs again after a short write (disk full,
  // a signal), still under the lock, so no other writer's bytes can land in between.
  let written = 0;
  while (written < buffer.length) {
    const {bytesWritten} = await handle.write(buffer, written, buffer.length - written);
    written += bytesWritten;
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the file's own fsync still holds.
  } finally {
    await handle.close();
  }
}
