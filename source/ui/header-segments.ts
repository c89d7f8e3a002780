import stringWidth from 'string-width';
import type {Tone} from './theme';

/** A piece of the header; when the line is too narrow, higher `dropOrder` pieces go first. */
export type HeaderSegment = {
  text: string;
  tone?: Tone;
  bold?: boolean;
  dropOrder: number;
  /** May be cut (with `…`) to keep the segments after it visible: the incident title. */
  shrinkable?: boolean;
};

/** Drops segments, least important first, until the line fits `width` (separators included). */
export function fitHeader(segments: readonly HeaderSegment[], width: number): HeaderSegment[] {
  let kept = [...segments];
  const lineWidth = (list: HeaderSegment[]) =>
    list.reduce((sum, segment) => sum + stringWidth(segment.text) + 3, -3);
  while (kept.length > 1 && lineWidth(kept) > width) {
    const drop = kept.reduce((worst, segment) =>
      segment.dropOrder > worst.dropOrder ? segment : worst,
    );
    if (drop.dropOrder === 0) break;
    kept = kept.filter((segment) => segment !== drop);
  }
  const overflow = lineWidth(kept) - width;
  const shrink = kept.find((segment) => segment.shrinkable);
  if (overflow > 0 && shrink) {
    // Cut the title rather than lose the connection state or the alert count after it.
    const room = Math.max(8, stringWidth(shrink.text) - overflow - 1);
    const cut = cutToWidth(shrink.text, room);
    kept = kept.map((segment) => (segment === shrink ? {...segment, text: `${cut}…`} : segment));
  }
  return kept;
}

function cutToWidth(text: string, width: number): string {
  let result = '';
  for (const character of text) {
    if (stringWidth(result + character) > width) break;
    result += character;
  }
  return result;
}
