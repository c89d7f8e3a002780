import {PassThrough} from 'node:stream';
import xterm from '@xterm/headless';

/** A parsed terminal screen fed by hand: what a user would see after some bytes. */
export type TerminalScreen = {
  write: (data: string) => Promise<void>;
  /** Every cell as text plus its colours and attributes, one string per row. */
  cells: () => string[];
  /** The rows as plain text, trailing blanks trimmed. */
  text: () => string[];
  resize: (columns: number, rows: number) => void;
};

export function terminalScreen(columns: number, rows: number): TerminalScreen {
  const terminal = new xterm.Terminal({
    cols: columns,
    rows,
    allowProposedApi: true,
    convertEol: true,
  });
  const lines = (render: (line: xterm.IBufferLine, width: number) => string) => {
    const buffer = terminal.buffer.active;
    const out: string[] = [];
    for (let row = 0; row < terminal.rows; row++) {
      const line = buffer.getLine(buffer.viewportY + row);
      out.push(line ? render(line, terminal.cols) : '');
    }
    return out;
  };
  return {
    write: (data) => new Promise<void>((resolve) => terminal.write(data, resolve)),
    cells: () =>
      lines((line, width) => {
        let out = '';
        for (let column = 0; column < width; column++) {
          const cell = line.getCell(column);
          if (!cell) continue;
          out += `${cell.getChars() || ' '}${cell.getWidth()}:${cell.getFgColorMode()}/${cell.getFgColor()}:${cell.getBgColorMode()}/${cell.getBgColor()}:${cell.isBold()}${cell.isDim()}${cell.isInverse()}${cell.isUnderline()}${cell.isItalic()}|`;
        }
        return out;
      }),
    text: () => lines((line) => line.translateToString(true)),
    resize: (newColumns, newRows) => terminal.resize(newColumns, newRows),
  };
}

/** A writable that looks like a terminal of the given size and keeps what it was sent. */
export function fakeTerminalOutput(columns: number, rows: number) {
  const stream = Object.assign(new PassThrough(), {columns, rows, isTTY: true});
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return {
    stream: stream as unknown as NodeJS.WriteStream & PassThrough,
    /** Everything written since the last call. */
    take: () => chunks.splice(0).join(''),
    resize: (newColumns: number, newRows: number) => {
      Object.assign(stream, {columns: newColumns, rows: newRows});
      stream.emit('resize');
    },
  };
}
