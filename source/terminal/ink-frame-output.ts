import {
  type AnsiCode,
  ansiCodesToString,
  diffAnsiCodes,
  reduceAnsiCodesIncremental,
  styledCharsFromTokens,
  tokenize,
} from '@alcalzone/ansi-tokenize';
import terminalWidth, {isPlainNarrow, isPlainNarrowText} from '../text/terminal-width';

/**
 * Ink's `Output` (ink/build/output.js), the object a frame is drawn into, done in one pass. The
 * bundle puts it in place of Ink's; it writes the same frame, as a test checks against Ink's.
 *
 * Ink cuts every written line into one object per character with its own array of styles, by
 * grapheme segmentation, several times a line (before clipping, after it, after colouring), and
 * begins every frame with an object per cell: on a quiet database that was 40% of the cockpit's
 * main thread and 80% of what it allocated. Here a cell is a character and an interned style;
 * lines of plain narrow characters (ASCII, Latin-1, punctuation, box drawing: one cell each
 * whatever their neighbours) and SGR sequences are read with character codes, anything else
 * still goes through the tokenizer Ink uses; the grid is reused from frame to frame. Cells left
 * of column 0, which Ink keeps as stray array properties that never reach a frame, are dropped.
 */

type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Transformer = (line: string, index: number) => string;

/** A set of active SGR codes, reduced as Ink reduces them; one object per set while it is kept. */
type Style = {
  readonly codes: AnsiCode[];
  /** The style an SGR sequence turns this one into. */
  readonly after: Map<string, Style>;
  /** What Ink writes to go from this style to another. */
  readonly towards: Map<Style, string>;
};

const stylesByKey = new Map<string, Style>();
/** Bounds the interned styles; a style made again after a reset only costs a lookup. */
const maxStyles = 4096;

function styleOf(codes: AnsiCode[]): Style {
  let key = '';
  for (const code of codes) key += `${code.code}\u0000${code.endCode}\u0001`;
  let style = stylesByKey.get(key);
  if (style === undefined) {
    if (stylesByKey.size >= maxStyles) stylesByKey.clear();
    style = {codes, after: new Map(), towards: new Map()};
    stylesByKey.set(key, style);
  }
  return style;
}

const plainStyle = styleOf([]);

function styleAfter(style: Style, sequence: string): Style {
  let next = style.after.get(sequence);
  if (next === undefined) {
    const codes = tokenize(sequence).filter((token): token is AnsiCode => token.type === 'ansi');
    next = styleOf(reduceAnsiCodesIncremental(style.codes, codes));
    if (style.after.size < maxStyles) style.after.set(sequence, next);
  }
  return next;
}

/** Codes equal in content give '' even when they are two objects, so interning is only speed. */
function transition(from: Style, to: Style): string {
  let codes = from.towards.get(to);
  if (codes === undefined) {
    codes = ansiCodesToString(diffAnsiCodes(from.codes, to.codes));
    if (from.towards.size < maxStyles) from.towards.set(to, codes);
  }
  return codes;
}

/** Characters other than ASCII keep one string each instead of one per cell per frame. */
const characterStrings = new Map<number, string>();
function characterOf(text: string, index: number, code: number): string {
  if (code < 0x100) return text[index] as string;
  let character = characterStrings.get(code);
  if (character === undefined) {
    character = text[index] as string;
    characterStrings.set(code, character);
  }
  return character;
}

/** A line read into cells; reused, since a line is placed or written out as soon as it is read. */
class Cells {
  values: string[] = [];
  styles: Style[] = [];
  /** Columns as Ink's string width gives them (0 for some invisible or combining text). */
  widths: number[] = [];
  count = 0;

  push(value: string, style: Style, width: number): void {
    this.values[this.count] = value;
    this.styles[this.count] = style;
    this.widths[this.count] = width;
    this.count++;
  }
}

const defaultIgnorable = /^\p{Default_Ignorable_Code_Point}+$/u;

/** Plain narrow characters, newlines and SGR sequences; false, with `cells` unfinished, otherwise. */
function readPlain(text: string, cells: Cells): boolean {
  cells.count = 0;
  let style = plainStyle;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x1b) {
      if (text.charCodeAt(index + 1) !== 0x5b) return false;
      let end = index + 2;
      for (; end < length; end++) {
        const next = text.charCodeAt(end);
        if (next === 0x6d) break;
        if (next !== 0x3b && (next < 0x30 || next > 0x39)) return false;
      }
      if (end >= length) return false;
      style = styleAfter(style, text.slice(index, end + 1));
      index = end;
    } else if (code === 0x0a) cells.push('\n', style, 0);
    else if (isPlainNarrow(code)) cells.push(characterOf(text, index, code), style, 1);
    else return false;
  }
  return true;
}

/** Ink's own reading: grapheme clusters, every escape it knows, invisible characters dropped. */
function readAny(text: string, cells: Cells): void {
  cells.count = 0;
  for (const character of styledCharsFromTokens(tokenize(text))) {
    if (defaultIgnorable.test(character.value)) continue;
    cells.push(character.value, styleOf(character.styles), terminalWidth(character.value));
  }
}

function read(text: string, cells: Cells): void {
  if (!readPlain(text, cells)) readAny(text, cells);
}

/** Builds a line as Ink's styledCharsToString does: codes where the style changes, closed at the end. */
class StyledLine {
  private text = '';
  private style = plainStyle;

  add(style: Style, value: string): void {
    if (style !== this.style) {
      this.text += transition(this.style, style);
      this.style = style;
    }
    this.text += value;
  }

  finish(): string {
    const text = this.text + transition(this.style, plainStyle);
    this.text = '';
    this.style = plainStyle;
    return text;
  }
}

const styledLine = new StyledLine();

/** Ink's styledCharsToString over cells [from, to). */
function cellsToString(cells: Cells, from: number, to: number): string {
  for (let index = from; index < to; index++)
    styledLine.add(cells.styles[index] as Style, cells.values[index] as string);
  return styledLine.finish();
}

/**
 * Ink's sliceLineToColumns: the cells of `cells` that fall in columns [from, to), a wide
 * character cut by an edge becoming a space in its style.
 */
function sliceToString(cells: Cells, from: number, to: number): string {
  let column = 0;
  for (let index = 0; index < cells.count; index++) {
    const width = cells.widths[index] as number;
    const start = column;
    column += width;
    if (column <= from) continue;
    if (start >= to) break;
    const cut = width > 1 && (start < from || column > to);
    styledLine.add(cells.styles[index] as Style, cut ? ' ' : (cells.values[index] as string));
  }
  return styledLine.finish();
}

function widestLine(text: string): number {
  if (isPlainNarrowText(text)) return text.length;
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, terminalWidth(line));
  return widest;
}

const intersectBound = (
  a: number | undefined,
  b: number | undefined,
  tighter: (a: number, b: number) => number,
) => (a === undefined ? b : b === undefined ? a : tighter(a, b));

const intersectClips = (outer: Clip | undefined, inner: Clip): Clip =>
  outer === undefined
    ? inner
    : {
        x1: intersectBound(outer.x1, inner.x1, Math.max),
        x2: intersectBound(outer.x2, inner.x2, Math.min),
        y1: intersectBound(outer.y1, inner.y1, Math.max),
        y2: intersectBound(outer.y2, inner.y2, Math.min),
      };

const isClipEmpty = (clip: Clip) =>
  (clip.x1 !== undefined && clip.x2 !== undefined && clip.x1 >= clip.x2) ||
  (clip.y1 !== undefined && clip.y2 !== undefined && clip.y1 >= clip.y2);

type Row = {values: (string | undefined)[]; styles: (Style | undefined)[]};
type Grid = {width: number; height: number; rows: Row[]};

/** Grids of finished frames, for the next frame of the same size. */
const spareGrids: Grid[] = [];

function blankGrid(width: number, height: number): Grid {
  const spare = spareGrids.findIndex((grid) => grid.width === width && grid.height === height);
  const grid =
    spare === -1
      ? {width, height, rows: Array.from({length: height}, () => ({values: [], styles: []}))}
      : (spareGrids.splice(spare, 1)[0] as Grid);
  for (const row of grid.rows) {
    // A write past the right edge lengthens a row, as it does in Ink.
    row.values.length = width;
    row.styles.length = width;
    row.values.fill(' ');
    row.styles.fill(plainStyle);
  }
  return grid;
}

const lineCells = new Cells();
const textCells = new Cells();

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly grid: Grid;
  private readonly clips: Clip[] = [];

  constructor(options: {width: number; height: number}) {
    this.width = options.width;
    this.height = options.height;
    this.grid = blankGrid(this.width, this.height);
  }

  clip(clip: Clip): void {
    // Nested clips intersect, so an inner overflow="hidden" box cannot escape an outer one.
    this.clips.push(intersectClips(this.clips.at(-1), clip));
  }

  unclip(): void {
    this.clips.pop();
  }

  write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void {
    if (text === '') return;
    const firstY = y;
    let lines = this.linesOf(text);
    const clip = this.clips.at(-1);
    if (clip !== undefined) {
      if (isClipEmpty(clip)) return;
      const clipsX = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const clipsY = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      if (clipsX) {
        const width = widestLine(text);
        if (x + width < (clip.x1 as number) || x > (clip.x2 as number)) return;
      }
      if (clipsY && (y + lines.length < (clip.y1 as number) || y > (clip.y2 as number))) return;
      if (clipsX) {
        const x1 = clip.x1 as number;
        const x2 = clip.x2 as number;
        lines = lines.map((line) => sliceLine(line, x < x1 ? x1 - x : 0, x, x2));
        if (x < x1) x = x1;
      }
      if (clipsY) {
        const y1 = clip.y1 as number;
        const y2 = clip.y2 as number;
        const height = lines.length;
        lines = lines.slice(y < y1 ? y1 - y : 0, y + height > y2 ? y2 - y : height);
        if (y < y1) y = y1;
      }
    }
    for (let index = 0; index < lines.length; index++) {
      const row = this.grid.rows[y + index];
      if (row === undefined) continue;
      let line = lines[index] as string;
      for (const transformer of options.transformers) line = transformer(line, index + y - firstY);
      read(line, lineCells);
      if (lineCells.count > 0) place(row, x, lineCells);
    }
  }

  get(): {output: string; height: number} {
    let output = '';
    for (const [index, row] of this.grid.rows.entries()) {
      if (index > 0) output += '\n';
      output += rowToString(row).trimEnd();
    }
    if (spareGrids.length < 2) spareGrids.push(this.grid);
    return {output, height: this.height};
  }

  /** The text's lines as Ink makes them: styles carried across newlines, each line closed. */
  private linesOf(text: string): string[] {
    if (isPlainNarrowText(text)) return [text];
    read(text, textCells);
    const lines: string[] = [];
    let start = 0;
    for (let index = 0; index <= textCells.count; index++) {
      if (index === textCells.count || textCells.values[index] === '\n') {
        lines.push(cellsToString(textCells, start, index));
        start = index + 1;
      }
    }
    return lines;
  }
}

/** One line clipped to columns [x1, x2) of the frame, written from column x. */
function sliceLine(line: string, from: number, x: number, x2: number): string {
  if (isPlainNarrowText(line)) {
    const to = x + line.length > x2 ? x2 - x : line.length;
    return from >= to ? '' : line.slice(from, to);
  }
  const width = terminalWidth(line);
  const to = x + width > x2 ? x2 - x : width;
  if (from >= to) return '';
  read(line, lineCells);
  return sliceToString(lineCells, from, to);
}

/** Ink's placement of a line's cells from column x, wide characters and their halves included. */
function place(row: Row, x: number, cells: Cells): void {
  const {values, styles} = row;
  let offsetX = x;
  // A write landing on the second half of a wide character blanks its first half.
  if (values[offsetX] === '' && offsetX > 0 && terminalWidth(values[offsetX - 1] ?? '') > 1)
    values[offsetX - 1] = ' ';
  for (let index = 0; index < cells.count; index++) {
    const style = cells.styles[index] as Style;
    if (offsetX >= 0) {
      values[offsetX] = cells.values[index];
      styles[offsetX] = style;
    }
    const width = Math.max(1, cells.widths[index] as number);
    for (let offset = 1; offset < width; offset++) {
      if (offsetX + offset < 0) continue;
      // The trailing half keeps a visible space when its leading half is off the frame.
      values[offsetX + offset] = offsetX < 0 ? ' ' : '';
      styles[offsetX + offset] = style;
    }
    offsetX += width;
  }
  if (values[offsetX] === '') values[offsetX] = ' ';
}

/** Ink's styledCharsToString over a row, skipping the holes a write far past the edge leaves. */
function rowToString(row: Row): string {
  const {values, styles} = row;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value !== undefined) styledLine.add(styles[index] as Style, value);
  }
  return styledLine.finish();
}
