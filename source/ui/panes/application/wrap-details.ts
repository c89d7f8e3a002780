/**
 * Breaks each line into pieces of at most `width` characters, preferring spaces, so that the
 * confirmation shows a long SQL statement whole instead of cutting it off at the border.
 */
export function wrapDetails(lines: readonly string[], width: number): string[] {
  const limit = Math.max(8, width);
  return lines.flatMap((line) => {
    const pieces: string[] = [];
    let rest = line;
    while (Array.from(rest).length > limit) {
      const characters = Array.from(rest);
      const head = characters.slice(0, limit).join('');
      const space = head.lastIndexOf(' ');
      const cut = space > limit / 2 ? space + 1 : head.length;
      pieces.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut);
    }
    pieces.push(rest);
    return pieces;
  });
}
