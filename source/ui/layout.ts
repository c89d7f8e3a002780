import type {RegionDemand} from './pane-demand';

/** A region placed on screen with its exact size in cells (borders included). */
export type RegionBox = {
  id: string;
  width: number;
  height: number;
  /** Column and row of its top-left corner within the body. */
  x?: number;
  y?: number;
  /** Nothing to report: drawn as this one line instead of the region. */
  collapsed?: string;
};

/** Where every visible region goes for a terminal size. */
export type Layout = {
  mode: 'compact' | 'grid';
  /** Rows of regions, top to bottom, each left to right. */
  rows: RegionBox[][];
  /** Regions in focus order (for Tab and the compact tab strip). */
  focusOrder: string[];
};

/** Terminal rows taken by the header and footer (and the tab strip in compact mode). */
export const chromeRows = {header: 1, footer: 1, tabStrip: 1};

/** Smallest terminal that shows the grid; anything smaller shows one region at a time. */
export const gridMinimum = {columns: 120, rows: 36};

/** Regions drawn across the whole width: session and lock tables need it. */
const wideRegions = new Set(['connections', 'locks']);

type Band = {ids: string[]; minimum: number; desired: number; height: number};

/**
 * Computes the layout so that the frame is never taller or wider than the terminal (a taller
 * frame makes Ink clear and repaint the whole screen on each update: flicker over SSH).
 *
 * In the grid, space goes where the trouble is: Connections and Locks span the width; the
 * other panes share rows two (three from 180 columns) at a time; regions with nothing to
 * report (or whose table is missing) shrink to one line at the bottom. Every band gets its
 * minimum, then the focused one, those with an active alert, Connections, Locks and the rest,
 * in that order, grow to what they have to show; what is left goes to Connections.
 */
export function computeLayout(input: {
  columns: number;
  rows: number;
  paneIds: readonly string[];
  regionIds: readonly string[];
  focusedId: string;
  zoomed: boolean;
  /** What each region asks for; without it every region is treated alike. */
  demands?: Readonly<Record<string, RegionDemand>>;
}): Layout {
  const columns = Math.max(1, Math.floor(input.columns));
  const rows = Math.max(1, Math.floor(input.rows));
  const focusOrder = [...input.paneIds, ...input.regionIds];
  const focused = focusOrder.includes(input.focusedId) ? input.focusedId : focusOrder[0]!;
  const grid = columns >= gridMinimum.columns && rows >= gridMinimum.rows;

  if (!grid || input.zoomed) {
    const chrome = chromeRows.header + chromeRows.footer + (grid ? 0 : chromeRows.tabStrip);
    return {
      mode: grid ? 'grid' : 'compact',
      rows: [[{id: focused, width: columns, height: Math.max(1, rows - chrome), x: 0, y: 0}]],
      focusOrder,
    };
  }

  const body = rows - chromeRows.header - chromeRows.footer;
  const demandOf = (id: string): RegionDemand => {
    const demand = input.demands?.[id] ?? {desired: 12, minimum: 4};
    // The focused region is always drawn in full, even with nothing to report.
    if (demand.collapsed && id === focused)
      return {...demand, collapsed: undefined, desired: 4, minimum: 4};
    return demand;
  };
  const collapsed = focusOrder.filter((id) => demandOf(id).collapsed);
  const open = (ids: readonly string[]) => ids.filter((id) => !demandOf(id).collapsed);
  const perRow = columns >= 180 ? 3 : 2;
  const applicationPanes = open(input.paneIds.filter((id) => !wideRegions.has(id)));
  const bandsOfPanes = Math.ceil(applicationPanes.length / perRow);
  const paneBandSize = bandsOfPanes > 0 ? Math.ceil(applicationPanes.length / bandsOfPanes) : 0;
  const bandIds: string[][] = [
    ...open(input.paneIds.filter((id) => wideRegions.has(id))).map((id) => [id]),
    ...Array.from({length: bandsOfPanes}, (_, index) =>
      applicationPanes.slice(index * paneBandSize, (index + 1) * paneBandSize),
    ),
    ...(open(input.regionIds).length > 0 ? [open(input.regionIds)] : []),
  ];
  const bands: Band[] = bandIds.map((ids) => ({
    ids,
    minimum: Math.max(...ids.map((id) => demandOf(id).minimum)),
    desired: Math.max(...ids.map((id) => Math.max(demandOf(id).desired, demandOf(id).minimum))),
    height: 0,
  }));
  const collapsedLines = (ids: readonly string[]) => packCollapsed(ids, columns).length;
  // Not even the minimums fit: the least important bands join the one-line summaries.
  const total = () =>
    bands.reduce((sum, band) => sum + band.minimum, 0) + collapsedLines(collapsed);
  while (total() > body && bands.length > 1) {
    const victim = [...bands]
      .reverse()
      .find((band) => !band.ids.includes(focused) && !band.ids.some((id) => wideRegions.has(id)));
    if (!victim) break;
    bands.splice(bands.indexOf(victim), 1);
    collapsed.push(...victim.ids);
  }
  const summaryLines = packCollapsed(collapsed, columns);
  let spare = body - summaryLines.length;
  for (const band of bands) {
    band.height = Math.min(band.minimum, Math.max(1, spare));
    spare -= band.height;
  }
  const rank = (band: Band) => {
    if (band.ids.some((id) => demandOf(id).alerting)) return 0;
    if (band.ids.includes(focused)) return 1;
    if (band.ids.includes('connections')) return 2;
    if (band.ids.includes('locks')) return 3;
    return 4;
  };
  for (const band of [...bands].sort((a, b) => rank(a) - rank(b))) {
    const grow = Math.max(0, Math.min(spare, band.desired - band.height));
    band.height += grow;
    spare -= grow;
  }
  const sink = bands.find((band) => band.ids.includes('connections')) ?? bands[0];
  if (sink && spare > 0) sink.height += spare;

  const layoutRows: RegionBox[][] = [];
  let y = 0;
  for (const band of bands) {
    const weights =
      band.ids.length === 2 && band.ids.every((id) => input.regionIds.includes(id))
        ? [0.55, 0.45]
        : band.ids.map(() => 1 / band.ids.length);
    layoutRows.push(placeAcross(band.ids, weights, columns, band.height, y));
    y += band.height;
  }
  for (const line of summaryLines) {
    // Each summary gets room in proportion to its text, so a long one is not cut for a short.
    const lengths = line.map(
      (id) => (demandOf(id).collapsed ?? demandOf(id).squeezed ?? id).length + 4,
    );
    const sum = lengths.reduce((total, length) => total + length, 0);
    const boxes = placeAcross(
      line,
      lengths.map((length) => length / sum),
      columns,
      1,
      y,
    ).map((box) => ({
      ...box,
      collapsed:
        demandOf(box.id).collapsed ?? demandOf(box.id).squeezed ?? `${box.id} · Tab to see`,
    }));
    layoutRows.push(boxes);
    y += 1;
  }
  return {mode: 'grid', rows: layoutRows, focusOrder};
}

/** Boxes side by side across `columns`, sized by `weights`, the last taking the remainder. */
function placeAcross(
  ids: readonly string[],
  weights: readonly number[],
  columns: number,
  height: number,
  y: number,
): RegionBox[] {
  let x = 0;
  return ids.map((id, index) => {
    const width = index === ids.length - 1 ? columns - x : Math.floor(columns * weights[index]!);
    const box = {id, width, height, x, y};
    x += width;
    return box;
  });
}

/** One-line summaries packed onto as few lines as keep each at least 30 columns wide. */
function packCollapsed(ids: readonly string[], columns: number): string[][] {
  const perLine = Math.max(1, Math.floor(columns / 30));
  const lines: string[][] = [];
  for (let index = 0; index < ids.length; index += perLine)
    lines.push(ids.slice(index, index + perLine));
  return lines;
}

/** The region focus moves to with an arrow key, from the layout's geometry. */
export function neighbourOf(
  layout: Layout,
  fromId: string,
  direction: 'left' | 'right' | 'up' | 'down',
): string {
  if (layout.mode === 'compact' || layout.rows.length === 1) {
    const order = layout.focusOrder;
    const index = Math.max(0, order.indexOf(fromId));
    if (direction === 'left' || direction === 'up')
      return order[(index - 1 + order.length) % order.length]!;
    return order[(index + 1) % order.length]!;
  }
  const rowIndex = layout.rows.findIndex((row) => row.some((box) => box.id === fromId));
  if (rowIndex < 0) return fromId;
  const row = layout.rows[rowIndex]!;
  const columnIndex = row.findIndex((box) => box.id === fromId);
  if (direction === 'left') return row[Math.max(0, columnIndex - 1)]!.id;
  if (direction === 'right') return row[Math.min(row.length - 1, columnIndex + 1)]!.id;
  const targetRow = layout.rows[direction === 'up' ? rowIndex - 1 : rowIndex + 1];
  if (!targetRow) return fromId;
  // Keep the horizontal position: pick the box under the middle of the current one.
  const middle =
    row.slice(0, columnIndex).reduce((sum, box) => sum + box.width, 0) +
    row[columnIndex]!.width / 2;
  let x = 0;
  for (const box of targetRow) {
    if (middle < x + box.width) return box.id;
    x += box.width;
  }
  return targetRow[targetRow.length - 1]!.id;
}
