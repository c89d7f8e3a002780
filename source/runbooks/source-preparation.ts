import {rewriteAdmonitions} from './admonitions';
import {repairMisencodedText} from './encoding-repair';
import type {RunbookWarning} from './runbook-model';

/** Limits that keep parsing of hostile input bounded in time and memory. */
export const sourceLimits = {
  /**
   * Longer input is cut here (characters), with a warning. micromark needs about 10 µs per
   * character of list-heavy Markdown on a loaded machine, so 1 MiB keeps the worst case to
   * seconds; a real runbook is a few kilobytes.
   */
  maxCharacters: 1024 * 1024,
  /** Leading indentation and container markers beyond this many characters are dropped. */
  maxLinePrefix: 64,
  /** Target size of the independently parsed pieces (see {@link prepareSource}). */
  chunkCharacters: 8 * 1024,
  /** A piece with no heading to split at is split at a blank line past this size, … */
  softChunkLimit: 32 * 1024,
  /** … and at any line past this one. */
  hardChunkLimit: 64 * 1024,
};

/** A piece of the document parsed on its own; `firstLine` is its 1-based line in the file. */
export type SourceChunk = {text: string; firstLine: number};

/** The text to parse, split into pieces, and what was changed on the way. */
export type PreparedSource = {chunks: SourceChunk[]; warnings: RunbookWarning[]};

const strictUtf8 = new TextDecoder('utf-8', {fatal: true});
const lenientUtf8 = new TextDecoder('utf-8');
const containerPrefix = /^[ \t>*+\-.)0-9]*/;
const fenceOpener = /^ *(`{3,}|~{3,})/;
// A fence line, also inside list items and blockquotes (`- ```sql`, `> ~~~`).
const fenceMarker = /^[ \t>]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(`{3,}|~{3,})/;
const atxHeading = /^#{1,6}(?:[ \t]|$)/;

function decode(input: string | Uint8Array, warnings: RunbookWarning[]): string {
  if (typeof input === 'string') return input;
  try {
    return strictUtf8.decode(input);
  } catch {
    warnings.push({line: 0, message: 'the file is not valid UTF-8; invalid bytes became �'});
    return lenientUtf8.decode(input);
  }
}

/**
 * Turns raw input into pieces micromark can parse quickly. micromark's list handling is
 * quadratic in the size of the document and in the nesting depth (100 KB of small lists took
 * 20 s in one parse), so the document is cut before top-level ATX headings outside code fences
 * into pieces of about 8 KB — parsing them apart gives the same tree — and absurd nesting
 * prefixes are cut short. Lines keep their numbers: no line is added or removed.
 */
export function prepareSource(input: string | Uint8Array): PreparedSource {
  const warnings: RunbookWarning[] = [];
  let text = decode(input, warnings);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length > sourceLimits.maxCharacters) {
    text = text.slice(0, sourceLimits.maxCharacters);
    const line = text.split(/\r\n|\r|\n/).length;
    warnings.push({line, message: `the file is longer than 1 MiB; the rest was not read`});
  }
  const lines = text.split(/\r\n|\r|\n/);
  rewriteAdmonitions(lines);
  const repairedLines: number[] = [];
  let fence: string | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    let line = lines[index]!;
    const marker = fenceMarker.exec(line)?.[1];
    const insideFence = fence !== undefined;
    if (fence === undefined && marker) fence = marker;
    else if (
      fence !== undefined &&
      marker &&
      marker[0] === fence[0] &&
      marker.length >= fence.length
    )
      fence = undefined;
    // Code is shown and run exactly as written: repairs apply to prose only.
    if (insideFence) continue;
    const repaired = repairMisencodedText(line);
    if (repaired !== line) repairedLines.push(index + 1);
    line = repaired;
    const prefix = containerPrefix.exec(line)?.[0] ?? '';
    if (prefix.length > sourceLimits.maxLinePrefix) {
      line = prefix.slice(0, sourceLimits.maxLinePrefix) + line.slice(prefix.length);
      warnings.push({
        line: index + 1,
        message: 'nested too deeply; the extra levels were flattened',
      });
    }
    lines[index] = line;
  }
  if (repairedLines.length > 0)
    warnings.push({
      line: repairedLines[0]!,
      message: `mis-encoded characters (UTF-8 read as Windows-1252 or Mac Roman) repaired on ${repairedLines.length} line(s)`,
    });
  return {chunks: splitIntoChunks(lines, warnings), warnings};
}

function splitIntoChunks(lines: string[], warnings: RunbookWarning[]): SourceChunk[] {
  const chunks: SourceChunk[] = [];
  let start = 0;
  let size = 0;
  let fence: string | undefined;
  const cut = (index: number) => {
    chunks.push({text: lines.slice(start, index).join('\n'), firstLine: start + 1});
    start = index;
    size = 0;
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (index > start) {
      const outside = fence === undefined;
      if (outside && size >= sourceLimits.chunkCharacters && atxHeading.test(line)) cut(index);
      else if (outside && size >= sourceLimits.softChunkLimit && line.trim() === '') {
        warnings.push({line: index + 1, message: 'very long section split at this blank line'});
        cut(index);
      } else if (size >= sourceLimits.hardChunkLimit) {
        warnings.push({line: index + 1, message: 'very long block split at this line'});
        fence = undefined;
        cut(index);
      }
    }
    size += line.length + 1;
    const marker = fenceOpener.exec(line)?.[1];
    if (fence === undefined && marker) fence = marker;
    else if (
      fence !== undefined &&
      marker &&
      marker[0] === fence[0] &&
      marker.length >= fence.length
    ) {
      if (line.trim() === marker) fence = undefined;
    }
  }
  chunks.push({text: lines.slice(start).join('\n'), firstLine: start + 1});
  return chunks;
}
