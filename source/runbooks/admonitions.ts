/**
 * MkDocs admonitions (`!!! note "Title"`, collapsible `??? tip`) followed by content indented
 * four spaces. CommonMark reads that content as an indented code block, so before parsing each
 * one is rewritten as the blockquote it stands for, line for line (no line is added or removed,
 * so line numbers stay true). Lines inside fenced code are never touched.
 */

const opener = /^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]*([\w-]+)(?:[ \t]+"([^"]*)")?[ \t]*$/;
const fence = /^[ \t>]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(`{3,}|~{3,})/;

function indentWidth(line: string): number {
  let width = 0;
  for (const character of line) {
    if (character === ' ') width += 1;
    else if (character === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

/** Drops `width` columns of leading indentation. */
function dedent(line: string, width: number): string {
  let removed = 0;
  let index = 0;
  while (index < line.length && removed < width) {
    const character = line[index]!;
    if (character === ' ') removed += 1;
    else if (character === '\t') removed += 4 - (removed % 4);
    else break;
    index += 1;
  }
  return line.slice(index);
}

/** Rewrites the admonitions among `lines` in place; returns how many were rewritten. */
export function rewriteAdmonitions(lines: string[]): number {
  let rewritten = 0;
  let openFence: string | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const marker = fence.exec(line)?.[1];
    if (openFence !== undefined) {
      if (marker && marker[0] === openFence[0] && marker.length >= openFence.length)
        openFence = undefined;
      continue;
    }
    if (marker) {
      openFence = marker;
      continue;
    }
    const match = opener.exec(line);
    if (!match) continue;
    const indent = match[1]!;
    const width = indentWidth(indent);
    const kind = match[2]!;
    const title = match[3]?.trim();
    const name = kind.charAt(0).toUpperCase() + kind.slice(1);
    lines[index] = `${indent}> ${title ? `${name}: ${title}` : name}`;
    rewritten += 1;
    let end = index + 1;
    while (end < lines.length) {
      const next = lines[end]!;
      if (next.trim() !== '' && indentWidth(next) < width + 4) break;
      end += 1;
    }
    // Trailing blank lines end the quote; they stay as they are.
    let last = end - 1;
    while (last > index && lines[last]!.trim() === '') last -= 1;
    for (let inner = index + 1; inner <= last; inner += 1) {
      const content = lines[inner]!;
      lines[inner] =
        content.trim() === '' ? `${indent}>` : `${indent}> ${dedent(content, width + 4)}`;
    }
    index = last;
  }
  return rewritten;
}
