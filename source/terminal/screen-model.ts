import stringWidth from 'string-width';
import {isPlainNarrowText} from '../text/terminal-width';
import {applySgr, erasedKey, plainSgr, type SgrState, sgrKey} from './sgr-state';

/** One screen row: the grapheme in each cell ('' for the right half of a wide one) and its style. */
type Row = {text: string[]; styles: string[]};

// Made when first needed: the first Intl.Segmenter of a process loads ICU's break rules (12 ms),
// and most frames are plain text.
let segmenter: Intl.Segmenter | undefined;
/** CSI: parameter bytes, intermediate bytes, one final byte. */
const csi = /\u001b\[([\u0030-\u003f]*)([\u0020-\u002f]*)([\u0040-\u007e])/y;

function blankRow(columns: number, style = ''): Row {
  return {text: new Array(columns).fill(' '), styles: new Array(columns).fill(style)};
}

/** What the model cannot follow: the caller passes output through untouched from `offset` on. */
export class UnknownSequenceError extends Error {
  offset = 0;
}

/**
 * What a terminal would show after the bytes Ink writes: a grid of cells, a cursor and the
 * current rendition. It follows the sequences Ink and its line updates emit (cursor moves,
 * erases, SGR, line feeds); anything else raises {@link UnknownSequenceError} before the
 * model changes, so the caller can fall back to passing bytes through.
 */
export class ScreenModel {
  columns: number;
  rows: number;
  cursorRow = 0;
  cursorColumn = 0;
  readonly lines: Row[];
  /** Rows changed since {@link takeDirtyRows}. */
  private readonly dirty = new Set<number>();
  private readonly sgr: SgrState = plainSgr();
  private style = '';
  private readonly widths = new Map<string, number>();

  constructor(columns: number, rows: number) {
    this.columns = Math.max(1, columns);
    this.rows = Math.max(1, rows);
    this.lines = Array.from({length: this.rows}, () => blankRow(this.columns));
  }

  /** The rendition text written now would get. */
  get currentStyle(): string {
    return this.style;
  }

  /** Changes the size, keeping what fits and the cursor inside, as terminals do. */
  resize(columns: number, rows: number): void {
    const oldColumns = this.columns;
    this.columns = Math.max(1, columns);
    this.rows = Math.max(1, rows);
    this.lines.length = Math.min(this.lines.length, this.rows);
    for (const line of this.lines) {
      line.text.length = Math.min(oldColumns, this.columns);
      line.styles.length = line.text.length;
      for (let column = line.text.length; column < this.columns; column++) {
        line.text.push(' ');
        line.styles.push('');
      }
      // A wide grapheme cut in half by the new edge leaves a blank.
      const last = line.text.length - 1;
      if (stringWidthOf(line.text[last] as string) === 2) line.text[last] = ' ';
    }
    while (this.lines.length < this.rows) this.lines.push(blankRow(this.columns));
    this.cursorRow = Math.min(this.cursorRow, this.rows - 1);
    this.cursorColumn = Math.min(this.cursorColumn, this.columns - 1);
    for (let row = 0; row < this.rows; row++) this.dirty.add(row);
  }

  /** Blanks every cell (a new alternate screen, or a full erase). */
  clear(): void {
    for (let row = 0; row < this.rows; row++) this.eraseCells(row, 0, this.columns, '');
  }

  /** Rows changed since the last call, in order. */
  takeDirtyRows(): number[] {
    const rows = [...this.dirty].sort((a, b) => a - b);
    this.dirty.clear();
    return rows;
  }

  /**
   * Applies a run of terminal output. Escape sequences that switch terminal modes (`ESC[?…h`,
   * `ESC[?…l`) do not change cells: they are handed to `onMode` in order.
   */
  write(data: string, onMode: (sequence: string, parameters: string) => void): void {
    let index = 0;
    try {
      while (index < data.length) {
        const code = data.charCodeAt(index);
        if (code === 0x1b) {
          index += this.escape(data, index, onMode);
          continue;
        }
        if (code < 0x20 || code === 0x7f) {
          this.control(code);
          index += 1;
          continue;
        }
        let end = index + 1;
        while (end < data.length) {
          const next = data.charCodeAt(end);
          if (next < 0x20 || next === 0x7f || next === 0x1b) break;
          end += 1;
        }
        this.print(data.slice(index, end));
        index = end;
      }
    } catch (error) {
      if (error instanceof UnknownSequenceError) error.offset = index;
      throw error;
    }
  }

  private escape(
    data: string,
    at: number,
    onMode: (sequence: string, parameters: string) => void,
  ): number {
    csi.lastIndex = at;
    const match = csi.exec(data);
    if (!match) throw new UnknownSequenceError('escape sequence');
    const [sequence, parameters = '', intermediates, final] = match;
    if (intermediates !== '') throw new UnknownSequenceError(sequence);
    if (parameters.startsWith('?')) {
      if (final !== 'h' && final !== 'l') throw new UnknownSequenceError(sequence);
      onMode(sequence, parameters);
      return sequence.length;
    }
    if (/[<=>?:]/.test(parameters)) throw new UnknownSequenceError(sequence);
    const numbers = parameters.split(';').map((part) => (part === '' ? 0 : Number(part)));
    const count = Math.max(1, numbers[0] ?? 0);
    switch (final) {
      case 'm':
        if (!applySgr(this.sgr, parameters)) throw new UnknownSequenceError(sequence);
        this.style = sgrKey(this.sgr);
        break;
      case 'A':
        this.moveTo(this.cursorRow - count, this.cursorColumn);
        break;
      case 'B':
        this.moveTo(this.cursorRow + count, this.cursorColumn);
        break;
      case 'C':
        this.moveTo(this.cursorRow, this.cursorColumn + count);
        break;
      case 'D':
        this.moveTo(this.cursorRow, this.cursorColumn - count);
        break;
      case 'E':
        this.moveTo(this.cursorRow + count, 0);
        break;
      case 'F':
        this.moveTo(this.cursorRow - count, 0);
        break;
      case 'G':
        this.moveTo(this.cursorRow, count - 1);
        break;
      case 'H':
      case 'f':
        this.moveTo(count - 1, Math.max(1, numbers[1] ?? 0) - 1);
        break;
      case 'K':
        this.eraseInLine(numbers[0] ?? 0);
        break;
      case 'J':
        this.eraseInDisplay(numbers[0] ?? 0);
        break;
      default:
        throw new UnknownSequenceError(sequence);
    }
    return sequence.length;
  }

  private control(code: number): void {
    if (code === 0x0a) this.lineFeed();
    else if (code === 0x0d) this.cursorColumn = 0;
    else if (code === 0x08) this.moveTo(this.cursorRow, this.cursorColumn - 1);
    else if (code === 0x09)
      this.moveTo(
        this.cursorRow,
        Math.min(this.columns - 1, (Math.floor(this.cursorColumn / 8) + 1) * 8),
      );
    else if (code !== 0x07) throw new UnknownSequenceError(`control ${code}`);
  }

  private moveTo(row: number, column: number): void {
    this.cursorRow = Math.max(0, Math.min(this.rows - 1, row));
    this.cursorColumn = Math.max(0, Math.min(this.columns - 1, column));
  }

  /** A line feed moves to the start of the next line (the tty's output processing adds the CR). */
  private lineFeed(): void {
    this.cursorColumn = 0;
    if (this.cursorRow < this.rows - 1) {
      this.cursorRow += 1;
      return;
    }
    this.lines.shift();
    this.lines.push(blankRow(this.columns, erasedKey(this.sgr)));
    for (let row = 0; row < this.rows; row++) this.dirty.add(row);
  }

  private print(run: string): void {
    // Box drawing and the other plain narrow characters are a cell each, whatever follows them.
    if (isPlainNarrowText(run)) {
      for (let index = 0; index < run.length; index++) this.put(run[index] as string, 1);
      return;
    }
    segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'});
    for (const {segment} of segmenter.segment(run)) {
      const width = this.widthOf(segment);
      if (width === 0) this.joinPrevious(segment);
      else this.put(segment, width);
    }
  }

  private widthOf(grapheme: string): number {
    let width = this.widths.get(grapheme);
    if (width === undefined) {
      width = Math.min(2, stringWidthOf(grapheme));
      if (this.widths.size < 4096) this.widths.set(grapheme, width);
    }
    return width;
  }

  /** A zero-width grapheme (a lone combining mark) belongs to the cell before the cursor. */
  private joinPrevious(grapheme: string): void {
    const column = Math.min(this.cursorColumn, this.columns) - 1;
    if (column < 0) return;
    const line = this.lines[this.cursorRow] as Row;
    line.text[column] += grapheme;
    this.dirty.add(this.cursorRow);
  }

  /** Writes one grapheme at the cursor, wrapping as a terminal with auto-wrap does. */
  private put(grapheme: string, width: number): void {
    if (this.cursorColumn + width > this.columns) {
      if (this.cursorColumn < this.columns)
        this.eraseCells(this.cursorRow, this.cursorColumn, this.columns, this.style);
      this.lineFeed();
    }
    const row = this.cursorRow;
    const column = this.cursorColumn;
    const line = this.lines[row] as Row;
    this.splitWide(line, column);
    if (width === 2) this.splitWide(line, column + 1);
    line.text[column] = grapheme;
    line.styles[column] = this.style;
    if (width === 2) {
      line.text[column + 1] = '';
      line.styles[column + 1] = this.style;
    }
    this.cursorColumn = column + width;
    this.dirty.add(row);
    // The cursor waits past the last column until the next grapheme wraps it.
    if (this.cursorColumn >= this.columns) this.cursorColumn = this.columns;
  }

  /** Overwriting either half of a wide grapheme blanks the other half. */
  private splitWide(line: Row, column: number): void {
    if (column >= this.columns) return;
    if (line.text[column] === '' && column > 0) {
      line.text[column - 1] = ' ';
      line.styles[column - 1] = this.style;
    }
    if (line.text[column + 1] === '' && line.text[column] !== '') {
      line.text[column + 1] = ' ';
      line.styles[column + 1] = this.style;
    }
  }

  private eraseInLine(mode: number): void {
    const column = Math.min(this.cursorColumn, this.columns - 1);
    if (mode === 0) this.eraseCells(this.cursorRow, column, this.columns, erasedKey(this.sgr));
    else if (mode === 1) this.eraseCells(this.cursorRow, 0, column + 1, erasedKey(this.sgr));
    else if (mode === 2) this.eraseCells(this.cursorRow, 0, this.columns, erasedKey(this.sgr));
    else throw new UnknownSequenceError(`erase line ${mode}`);
    if (this.cursorColumn >= this.columns) this.cursorColumn = this.columns - 1;
  }

  private eraseInDisplay(mode: number): void {
    const style = erasedKey(this.sgr);
    const column = Math.min(this.cursorColumn, this.columns - 1);
    if (mode === 0) {
      this.eraseCells(this.cursorRow, column, this.columns, style);
      for (let row = this.cursorRow + 1; row < this.rows; row++)
        this.eraseCells(row, 0, this.columns, style);
    } else if (mode === 1) {
      for (let row = 0; row < this.cursorRow; row++) this.eraseCells(row, 0, this.columns, style);
      this.eraseCells(this.cursorRow, 0, column + 1, style);
    } else if (mode === 2 || mode === 3) {
      for (let row = 0; row < this.rows; row++) this.eraseCells(row, 0, this.columns, style);
    } else throw new UnknownSequenceError(`erase display ${mode}`);
  }

  private eraseCells(row: number, from: number, to: number, style: string): void {
    const line = this.lines[row] as Row;
    if (from > 0 && line.text[from] === '') {
      line.text[from - 1] = ' ';
      line.styles[from - 1] = style;
    }
    if (to < this.columns && line.text[to] === '') {
      line.text[to] = ' ';
      line.styles[to] = style;
    }
    for (let column = from; column < to; column++) {
      line.text[column] = ' ';
      line.styles[column] = style;
    }
    this.dirty.add(row);
  }
}

function stringWidthOf(text: string): number {
  return text === '' ? 0 : stringWidth(text);
}
