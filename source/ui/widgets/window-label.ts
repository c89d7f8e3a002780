/** Where the window is in a list: `1–12 of 140`, with whether rows are hidden below. */
export function windowLabel(first: number, visible: number, total: number): string {
  if (total === 0) return '0 of 0';
  const last = Math.min(total, first + visible);
  return `${first + 1}–${last} of ${total}${last < total ? ' ↓ more below' : ''}`;
}
