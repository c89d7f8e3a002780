import {fitToWidth} from '../../text/format';

/** A table column declared as data: the pane says what, the table decides how much fits. */
export type Column = {
  key: string;
  title: string;
  /** Width in cells; the column marked `grow` takes whatever is left (at least this). */
  width: number;
  align?: 'left' | 'right';
  grow?: boolean;
  /** Lower numbers survive longer when the table is narrow (0 = always shown). */
  priority?: number;
};

/** The columns that fit `width`, with the growing column widened to fill it. */
export function fitColumns(columns: readonly Column[], width: number): Column[] {
  let visible = [...columns];
  const total = (list: Column[]) => list.reduce((sum, column) => sum + column.width + 1, 0) - 1;
  while (visible.length > 1 && total(visible) > width) {
    const dropped = visible.reduce((worst, column) =>
      (column.priority ?? 0) > (worst.priority ?? 0) ? column : worst,
    );
    if ((dropped.priority ?? 0) === 0) break;
    visible = visible.filter((column) => column !== dropped);
  }
  const spare = width - total(visible);
  const growIndex = visible.findIndex((column) => column.grow);
  if (spare > 0 && growIndex >= 0) {
    visible[growIndex] = {...visible[growIndex]!, width: visible[growIndex]!.width + spare};
  }
  return visible;
}

/** One table line: every cell padded or cut to its column (wide characters counted right). */
export function formatRow(
  columns: readonly Column[],
  cells: Readonly<Record<string, string>>,
): string {
  return columns
    .map((column) => fitToWidth(cells[column.key] ?? '', column.width, column.align))
    .join(' ');
}

/** The first visible row so that `selected` stays in a window of `height` rows. */
export function scrollOffset(
  previousOffset: number,
  selected: number,
  height: number,
  rowCount: number,
): number {
  if (height <= 0 || rowCount <= height) return 0;
  let offset = Math.min(previousOffset, rowCount - height);
  if (selected < offset) offset = selected;
  if (selected >= offset + height) offset = selected - height + 1;
  return Math.max(0, offset);
}
