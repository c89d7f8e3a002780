import {UsageError} from '../errors';
import type {TimeZoneChoice} from './time-zone';

/** A note as the journal stores it: text, tags, and when it happened if that was earlier. */
export type NoteData = {text: string; tags: string[]; occurredAt?: string};

const tagPattern = /(?:^|\s)#([a-z][a-z0-9-]{0,31})\b/gi;

/** Tags written in the text (`#rootcause`) plus those given apart, lower-case, without repeats. */
export function tagsOf(text: string, extra: readonly string[] = []): string[] {
  const tags = [...text.matchAll(tagPattern)].map((match) => match[1]!.toLowerCase());
  for (const tag of extra) {
    const clean = tag.replace(/^#/, '').trim().toLowerCase();
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(clean)) {
      throw new UsageError(`tag "${tag}" must be a word such as rootcause, fix or followup`);
    }
    tags.push(clean);
  }
  return [...new Set(tags)];
}

/**
 * The moment `HH:MM` names: today in `zone`, or yesterday when that is still in the future (a
 * note written at 00:10 about 23:50). Throws a usage error for anything but a valid time.
 */
export function backdatedTime(
  clock: string,
  now: number,
  zone: TimeZoneChoice,
  /** What the value was typed into, for the message: `--at`, or `the time` on screen. */
  field = '--at',
): number {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(clock.trim());
  if (!match)
    throw new UsageError(
      `${field} must be a time of day as HH:MM, such as 14:02 (got "${clock}")`,
      'hours go from 00 to 23 and minutes from 00 to 59',
    );
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  const date = new Date(now);
  if (zone === 'utc') date.setUTCHours(hours, minutes, 0, 0);
  else date.setHours(hours, minutes, 0, 0);
  let at = date.getTime();
  if (at > now) at -= 24 * 60 * 60 * 1000;
  return at;
}

/** The note to journal for `text`, with its tags and optional back-dated time. */
export function noteData(input: {
  text: string;
  tags?: readonly string[];
  at?: string;
  /** What `at` was typed into, for the message (default `--at`). */
  atField?: string;
  now: number;
  zone: TimeZoneChoice;
}): NoteData {
  const text = input.text.trim();
  if (!text) throw new UsageError('the note is empty', 'write cockpit note "what happened"');
  const note: NoteData = {text, tags: tagsOf(text, input.tags)};
  if (input.at !== undefined) {
    note.occurredAt = new Date(
      backdatedTime(input.at, input.now, input.zone, input.atField),
    ).toISOString();
  }
  return note;
}
