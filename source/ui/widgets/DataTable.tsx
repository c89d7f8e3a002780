import {Box, Text} from 'ink';
import {memo, useRef} from 'react';
import {colourOf, type Tone} from '../theme';
import {type Column, fitColumns, formatRow, scrollOffset} from './data-table-layout';

/** The width the columns share in a table `width` wide (two cells go to the selection marks). */
export const tableWidth = (width: number) => Math.max(1, width - 2);

/** A table row; cells must already be sanitised. */
export type TableRow = {id: string; cells: Record<string, string>; tone?: Tone};

/**
 * A windowed table: only the rows that fit are rendered (a 2,000-row list costs as much as a
 * 20-row one), one `<Text>` per row, the selection kept in view, marked rows flagged with `*`.
 */
export function DataTable(props: {
  columns: readonly Column[];
  rows: readonly TableRow[];
  width: number;
  height: number;
  selectedIndex?: number;
  marked?: ReadonlySet<string>;
  active?: boolean;
  emptyText?: string;
  /** The first row shown, when the pane keeps the window itself (see {@link useTableWindow}). */
  offset?: number;
}) {
  const {
    rows,
    width,
    height,
    selectedIndex = -1,
    marked,
    active = true,
    emptyText = 'nothing to show',
  } = props;
  const offsetRef = useRef(0);
  const columns = fitColumns(props.columns, tableWidth(width));
  const bodyHeight = Math.max(0, height - 1);
  const offset =
    props.offset ??
    scrollOffset(offsetRef.current, Math.max(0, selectedIndex), bodyHeight, rows.length);
  offsetRef.current = offset;
  const visible = rows.slice(offset, offset + bodyHeight);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text bold color={colourOf('text.muted')} wrap="truncate-end">
        {`  ${formatRow(columns, Object.fromEntries(columns.map((column) => [column.key, column.title])))}`}
      </Text>
      {rows.length === 0 ? (
        <Text color={colourOf('text.muted')}>{`  ${emptyText}`}</Text>
      ) : (
        visible.map((row, index) => (
          <TableLine
            key={row.id}
            text={formatRow(columns, row.cells)}
            tone={row.tone}
            selected={active && offset + index === selectedIndex}
            marked={marked?.has(row.id) ?? false}
          />
        ))
      )}
    </Box>
  );
}

/**
 * The window of a table the pane renders itself, so it can say `n–m of N` in its title: the
 * first row shown, kept across renders like {@link DataTable} keeps it.
 */
export function useTableWindow(selectedIndex: number, bodyHeight: number, rowCount: number) {
  const offsetRef = useRef(0);
  offsetRef.current = scrollOffset(
    offsetRef.current,
    Math.max(0, selectedIndex),
    Math.max(0, bodyHeight),
    rowCount,
  );
  return offsetRef.current;
}

const TableLine = memo(function TableLine(props: {
  text: string;
  tone: Tone | undefined;
  selected: boolean;
  marked: boolean;
}) {
  return (
    <Text wrap="truncate-end" inverse={props.selected} color={colourOf(props.tone)}>
      {`${props.marked ? '*' : ' '} ${props.text}`}
    </Text>
  );
});
