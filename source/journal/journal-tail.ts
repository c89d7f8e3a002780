import {open} from 'node:fs/promises';
import {type JournalEvent, parseJournalLine} from './journal-event';

/** What one read of the journal found. */
export type TailRead = {events: JournalEvent[]; warnings: string[]};

const newline = 0x0a;

/**
 * Reads a journal incrementally: remembers how far it has read and parses only the complete
 * lines added since. Bytes after the last newline are a line still being written (or torn by a
 * crash) and are left for later.
 */
export class JournalTail {
  /** Bytes consumed: always just after a newline. */
  offset = 0;
  /** Lines consumed. */
  lineCount = 0;
  /** Highest `seq` seen. */
  lastSeq = 0;
  /** Bytes after the last complete line at the last read. */
  pendingBytes = 0;

  constructor(readonly path: string) {}

  /** Reads and parses the complete lines appended since the previous call. */
  async readNew(): Promise<TailRead> {
    const handle = await open(this.path, 'r');
    try {
      const {size} = await handle.stat();
      if (size < this.offset) {
        return {events: [], warnings: [`${this.path} shrank to ${size} bytes; was it replaced?`]};
      }
      const length = size - this.offset;
      if (length === 0) {
        this.pendingBytes = 0;
        return {events: [], warnings: []};
      }
      const buffer = Buffer.allocUnsafe(length);
      let filled = 0;
      while (filled < length) {
        const {bytesRead} = await handle.read(
          buffer,
          filled,
          length - filled,
          this.offset + filled,
        );
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return this.consume(buffer.subarray(0, filled));
    } finally {
      await handle.close();
    }
  }

  /** Warnings for what is left after the last complete line, once nobody is writing any more. */
  unfinishedWarning(): string | undefined {
    if (this.pendingBytes === 0) return undefined;
    return `line ${this.lineCount + 1}: incomplete (${this.pendingBytes} bytes, the writer stopped mid-write), skipped`;
  }

  private consume(buffer: Buffer): TailRead {
    const events: JournalEvent[] = [];
    const warnings: string[] = [];
    let start = 0;
    for (;;) {
      const end = buffer.indexOf(newline, start);
      if (end === -1) break;
      this.lineCount += 1;
      const parsed = parseJournalLine(buffer.toString('utf8', start, end), this.lineCount);
      if (parsed.warning) warnings.push(parsed.warning);
      if (parsed.event) {
        events.push(parsed.event);
        this.lastSeq = Math.max(this.lastSeq, parsed.event.seq);
      }
      start = end + 1;
    }
    this.offset += start;
    this.pendingBytes = buffer.length - start;
    return {events, warnings};
  }
}

/** A whole journal read at once (for `incidents ls/show/export` and at start). */
export type LoadedJournal = TailRead & {tail: JournalTail};

/** Reads a whole journal; a torn last line is reported and skipped, never fatal. */
export async function loadJournal(path: string): Promise<LoadedJournal> {
  const tail = new JournalTail(path);
  const read = await tail.readNew();
  const unfinished = tail.unfinishedWarning();
  return {...read, warnings: unfinished ? [...read.warnings, unfinished] : read.warnings, tail};
}

/**
 * True when one of the last lines of the journal is a `closed` event: lets `cockpit note` and
 * `cockpit` find the open incident without reading every old journal in full.
 */
export async function endsClosed(path: string, windowBytes = 64 * 1024): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const {size} = await handle.stat();
    const start = Math.max(0, size - windowBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    if (start > 0) lines.shift();
    return lines.some((line) => parseJournalLine(line, 0).event?.type === 'closed');
  } finally {
    await handle.close();
  }
}
