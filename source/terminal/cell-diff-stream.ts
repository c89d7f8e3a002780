import {EventEmitter} from 'node:events';
import {ScreenModel, UnknownSequenceError} from './screen-model';
import {sgrSequence} from './sgr-state';

const beginSynchronized = '\u001b[?2026h';
const endSynchronized = '\u001b[?2026l';
/** Modes that switch to or from the alternate screen, which starts blank. */
const alternateScreenModes = new Set(['?1049', '?1047', '?47']);
/**
 * Leaving the alternate screen, blank it first: after a resize tmux carries full-width lines of
 * the alternate screen into the main screen's scrollback, so the cockpit's last frame showed
 * above the shell prompt once it quit.
 */
const leaveAlternateScreen = new RegExp(
  `\u001b\\[(${[...alternateScreenModes].map((mode) => `\\${mode}`).join('|')})l`,
  'g',
);
const blankScreen = '\u001b[0m\u001b[H\u001b[2J';
/** Unchanged cells cheaper to rewrite than to jump over with a cursor move. */
const maxRewrittenGap = 4;

/** The stream Ink needs: a terminal's size, its resize events and `write`. */
export type TerminalOutput = Pick<
  NodeJS.WriteStream,
  'columns' | 'rows' | 'isTTY' | 'write' | 'on' | 'off' | 'destroyed' | 'writable' | 'writableEnded'
>;

/**
 * Sits between Ink and the terminal and writes only the cells that changed. Ink rewrites a
 * changed line from its first difference to its end; when a session's "38s" becomes "39s" that
 * is a hundred characters for two. This stream follows Ink's output on a model of the screen,
 * compares it with what the terminal already shows once Ink ends a frame, and sends cursor
 * moves plus the changed cells. Output the model cannot follow is passed through unchanged
 * from then on, so the screen is never wrong, only larger.
 */
export class CellDiffStream extends EventEmitter {
  private readonly target: NodeJS.WriteStream;
  /** What Ink has drawn. */
  private readonly wanted: ScreenModel;
  /** What the terminal shows. */
  private readonly shown: ScreenModel;
  private inFrame = false;
  private passThrough = false;
  private cursorVisible = true;
  /** Bytes for the terminal, gathered until the frame ends. */
  private pending = '';
  private mustClear = false;

  constructor(target: NodeJS.WriteStream) {
    super();
    this.target = target;
    this.wanted = new ScreenModel(target.columns ?? 80, target.rows ?? 24);
    this.shown = new ScreenModel(target.columns ?? 80, target.rows ?? 24);
    target.on('resize', this.onResize);
  }

  get columns(): number {
    return this.target.columns;
  }
  get rows(): number {
    return this.target.rows;
  }
  get isTTY(): boolean {
    return this.target.isTTY === true;
  }
  get destroyed(): boolean {
    return this.target.destroyed;
  }
  get writable(): boolean {
    return this.target.writable;
  }
  get writableEnded(): boolean {
    return this.target.writableEnded;
  }

  /** Stops following the terminal's size (the UI is gone). */
  detach(): void {
    this.target.off('resize', this.onResize);
  }

  write(chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean {
    const done = [encoding, callback].find((value) => typeof value === 'function') as
      | ((error?: Error | null) => void)
      | undefined;
    const data = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (this.passThrough)
      return this.target.write(data.replace(leaveAlternateScreen, `${blankScreen}$&`), done);
    try {
      this.wanted.write(data, this.onMode);
    } catch (error) {
      if (!(error instanceof UnknownSequenceError)) throw error;
      return this.startPassingThrough(data.slice(error.offset), done);
    }
    if (!this.inFrame) this.flushCells();
    // Inside a frame the bytes wait for its end; a callback still runs once earlier output is out.
    if (this.inFrame) return done ? this.target.write('', done) : true;
    if (this.pending === '' && !done) return true;
    const out = this.pending;
    this.pending = '';
    return this.target.write(out, done);
  }

  /** Brings the terminal up to the model, cursor and rendition included, then stops diffing. */
  private startPassingThrough(rest: string, done?: (error?: Error | null) => void): boolean {
    this.flushCells();
    this.pending += this.cursorTo(this.wanted.cursorRow, this.wanted.cursorColumn);
    this.pending += sgrSequence(this.wanted.currentStyle);
    this.passThrough = true;
    // Ink still ends an open frame itself.
    const out = `${this.inFrame ? beginSynchronized : ''}${this.pending}${rest}`;
    this.pending = '';
    return this.target.write(out, done);
  }

  private readonly onMode = (sequence: string, parameters: string) => {
    if (parameters === '?2026') {
      if (sequence.endsWith('h')) this.inFrame = true;
      else this.endFrame();
      return;
    }
    this.flushCells();
    if (parameters === '?25') {
      this.cursorVisible = sequence.endsWith('h');
      if (this.cursorVisible)
        this.pending += this.cursorTo(this.wanted.cursorRow, this.wanted.cursorColumn);
    }
    const leaving = alternateScreenModes.has(parameters) && sequence.endsWith('l');
    this.pending += leaving ? blankScreen + sequence : sequence;
    // Back on the main screen, whose contents the model never saw.
    if (leaving) this.passThrough = true;
    else if (alternateScreenModes.has(parameters)) {
      this.wanted.clear();
      this.wanted.takeDirtyRows();
      this.shown.clear();
      this.shown.takeDirtyRows();
    }
  };

  private endFrame(): void {
    this.inFrame = false;
    this.flushCells();
    if (this.pending === '') return;
    this.target.write(`${beginSynchronized}${this.pending}${endSynchronized}`);
    this.pending = '';
  }

  private readonly onResize = () => {
    const {columns = 80, rows = 24} = this.target;
    this.wanted.resize(columns, rows);
    this.shown.resize(columns, rows);
    this.shown.clear();
    this.shown.takeDirtyRows();
    // The terminal rearranged its cells in its own way: paint everything again from blank.
    this.mustClear = true;
    this.emit('resize');
  };

  /** Appends to `pending` what turns the shown screen into the wanted one. */
  private flushCells(): void {
    const rows = this.wanted.takeDirtyRows();
    if (this.mustClear) {
      this.pending += '\u001b[H\u001b[0m\u001b[2J';
      this.mustClear = false;
    }
    if (rows.length === 0) return;
    const columns = this.wanted.columns;
    let out = '';
    let cursorRow = -1;
    let cursorColumn = -1;
    // Every flush leaves the terminal in its default rendition.
    let style = '';
    for (const row of rows) {
      const want = this.wanted.lines[row];
      const have = this.shown.lines[row];
      if (!want || !have) continue;
      for (let column = 0; column < columns; column++) {
        const text = want.text[column] as string;
        const cellStyle = want.styles[column] as string;
        if (text === have.text[column] && cellStyle === have.styles[column]) continue;
        if (text === '') continue;
        if (cursorRow !== row || column < cursorColumn || column - cursorColumn > maxRewrittenGap) {
          out += cursorRow === row ? `\u001b[${column + 1}G` : `\u001b[${row + 1};${column + 1}H`;
        } else {
          // A short gap of unchanged cells: rewriting them is cheaper than moving over them.
          for (let gap = cursorColumn; gap < column; gap++) {
            if (want.styles[gap] !== style) {
              style = want.styles[gap] as string;
              out += sgrSequence(style);
            }
            out += want.text[gap];
          }
        }
        if (cellStyle !== style) {
          style = cellStyle;
          out += sgrSequence(style);
        }
        out += text;
        const wide = want.text[column + 1] === '';
        have.text[column] = text;
        have.styles[column] = cellStyle;
        if (wide) {
          have.text[column + 1] = '';
          have.styles[column + 1] = cellStyle;
        }
        cursorRow = row;
        cursorColumn = column + (wide ? 2 : 1);
        // Past the last column the cursor waits to wrap: only an absolute move is safe.
        if (cursorColumn >= columns) cursorRow = -1;
      }
    }
    if (style !== '') out += sgrSequence('');
    if (this.cursorVisible && out !== '')
      out += this.cursorTo(this.wanted.cursorRow, this.wanted.cursorColumn);
    this.pending += out;
  }

  private cursorTo(row: number, column: number): string {
    return `\u001b[${row + 1};${Math.min(column, this.wanted.columns - 1) + 1}H`;
  }
}
