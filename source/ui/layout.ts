/** A region placed on screen with its exact size in cells (borders included). */
export type RegionBox = {id: string; width: number; height: number};

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

/**
 * Computes the layout so that the frame is never taller or wider than the terminal (a taller
 * frame makes Ink clear and repaint the whole screen on each update: flicker over SSH).
 */
export function computeLayout(input: {
  columns: number;
  rows: number;
  paneIds: readonly string[];
  regionIds: readonly string[];
  focusedId: string;
  zoomed: boolean;
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
      rows: [[{id: focused, width: columns, height: Math.max(1, rows - chrome)}]],
      focusOrder,
    };
  }

  const body = rows - chromeRows.header - chromeRows.footer;
  const paneColumns = columns >= 180 ? 3 : 2;
  const paneRows = Math.ceil(input.paneIds.length / paneColumns);
  const bottomHeight = input.regionIds.length > 0 ? Math.max(8, Math.floor(body * 0.34)) : 0;
  const paneArea = body - bottomHeight;
  const layoutRows: RegionBox[][] = [];
  for (let row = 0; row < paneRows; row++) {
    const ids = input.paneIds.slice(row * paneColumns, (row + 1) * paneColumns);
    const height = share(paneArea, paneRows, row);
    layoutRows.push(
      ids.map((id, column) => ({id, width: share(columns, ids.length, column), height})),
    );
  }
  if (bottomHeight > 0) {
    const weights =
      input.regionIds.length === 2
        ? [0.55, 0.45]
        : input.regionIds.map(() => 1 / input.regionIds.length);
    let used = 0;
    layoutRows.push(
      input.regionIds.map((id, index) => {
        const width =
          index === input.regionIds.length - 1
            ? columns - used
            : Math.floor(columns * weights[index]!);
        used += width;
        return {id, width, height: bottomHeight};
      }),
    );
  }
  return {mode: 'grid', rows: layoutRows, focusOrder};
}

/** Splits `total` cells into `parts`, giving the remainder to the first ones. */
function share(total: number, parts: number, index: number): number {
  const base = Math.floor(total / parts);
  return base + (index < total % parts ? 1 : 0);
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
