/** A horizontal bar `width` cells wide, filled to `ratio` (0..1) with eighth-cell precision. */
export function bar(ratio: number, width: number): string {
  if (width <= 0) return '';
  const clamped = Math.min(1, Math.max(0, Number.isFinite(ratio) ? ratio : 0));
  const eighths = Math.round(clamped * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  const partials = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const filled = '█'.repeat(full) + (partial > 0 ? partials[partial] : '');
  return filled + '·'.repeat(Math.max(0, width - full - (partial > 0 ? 1 : 0)));
}
