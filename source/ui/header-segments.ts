import stringWidth from 'string-width';
import type {Tone} from './theme';

/** A piece of the header; when the line is too narrow, higher `dropOrder` pieces go first. */
export type HeaderSegment = {text: string; tone?: Tone; bold?: boolean; dropOrder: number};

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
  return kept;
}
