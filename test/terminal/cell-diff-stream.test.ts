import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {CellDiffStream} from '../../source/terminal/cell-diff-stream';
import {fakeTerminalOutput, terminalScreen} from '../helpers/terminal-screen';

const bsu = '\u001b[?2026h';
const esu = '\u001b[?2026l';
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Ink's stream and two terminals: one sees Ink's bytes as they are, one the diffed bytes. */
function pair(columns: number, rows: number) {
  const output = fakeTerminalOutput(columns, rows);
  const stream = new CellDiffStream(output.stream);
  const direct = terminalScreen(columns, rows);
  const diffed = terminalScreen(columns, rows);
  return {
    stream,
    direct,
    diffed,
    /** Writes one chunk as Ink would; returns the bytes that reached the terminal. */
    send: async (...chunks: string[]) => {
      for (const chunk of chunks) {
        stream.write(chunk);
        await direct.write(chunk);
      }
      await macrotask();
      const sent = output.take();
      await diffed.write(sent);
      return sent;
    },
    resize: async (newColumns: number, newRows: number) => {
      direct.resize(newColumns, newRows);
      diffed.resize(newColumns, newRows);
      output.resize(newColumns, newRows);
      await macrotask();
    },
  };
}

const row = (text: string, columns: number) => text.padEnd(columns).slice(0, columns);

describe('a stream that sends only the cells that changed', () => {
  it('sends a cursor move and the changed digits when one duration ages', async () => {
    const terminal = pair(60, 4);
    const lines = [
      '\u001b[1mPID   XACT  STATE\u001b[22m',
      '2872   38s  \u001b[33midle in tx\u001b[39m select txid_current()',
      '2873   12s  active',
      'footer',
    ];
    await terminal.send('\u001b[?1049h', '\u001b[?25l', bsu, lines.join('\n'), esu);
    // Ink's incremental line update: back to the top, rewrite line 2 from the first difference.
    const update = `\u001b[3A\u001b[E\u001b[8G\u001b[K39s  \u001b[33midle in tx\u001b[39m select txid_current()\n\u001b[E\u001b[E`;
    const sent = await terminal.send(bsu, update, esu);
    expect(sent).toBe(`${bsu}\u001b[2;9H9${esu}`);
    expect(terminal.diffed.cells()).toEqual(terminal.direct.cells());
    expect(terminal.diffed.text()[1]).toBe('2872   39s  idle in tx select txid_current()');
  });

  it('sends nothing for a frame that redraws what is already there', async () => {
    const terminal = pair(40, 3);
    await terminal.send('\u001b[?1049h', bsu, 'one\ntwo\nthree', esu);
    const sent = await terminal.send(
      bsu,
      '\u001b[2A\u001b[G\u001b[Kone\n\u001b[Ktwo\n\u001b[Kthree',
      esu,
    );
    expect(sent).toBe('');
  });

  it('keeps colours, wide characters and erased backgrounds the same as the direct bytes', async () => {
    const terminal = pair(30, 3);
    await terminal.send(
      '\u001b[?1049h',
      bsu,
      '\u001b[41mred\u001b[49m 漢字 x\n\u001b[44m\u001b[K\u001b[0m\nend',
      esu,
    );
    await terminal.send(
      bsu,
      '\u001b[2A\u001b[5G字漢\u001b[38;5;208mo\u001b[0m\n\u001b[3Gé ✓\nEND',
      esu,
    );
    expect(terminal.diffed.cells()).toEqual(terminal.direct.cells());
  });

  it('paints everything again after a resize', async () => {
    const terminal = pair(30, 4);
    await terminal.send('\u001b[?1049h', bsu, 'a\nb\nc\nd', esu);
    await terminal.resize(20, 3);
    await terminal.send(bsu, '\u001b[H\u001b[Jx\ny\nz', esu);
    expect(terminal.diffed.text()).toEqual(['x', 'y', 'z']);
  });

  // tmux, after a resize, carries full-width lines of the alternate screen into the main
  // screen's scrollback when the program leaves it: the last frame showed above the prompt.
  it('blanks the alternate screen before leaving it, diffing or passing through', async () => {
    const blank = '\u001b[0m\u001b[H\u001b[2J';
    const diffing = pair(30, 3);
    await diffing.send('\u001b[?1049h', bsu, 'abc\ndef\nghi', esu);
    const left = await diffing.send('\u001b[?1049l\u001b[?25h');
    expect(left.startsWith(`${blank}\u001b[?1049l`)).toBe(true);
    const passing = pair(30, 3);
    await passing.send(
      '\u001b[?1049h',
      bsu,
      'abc\u001b]8;;http://x\u0007link\u001b]8;;\u0007',
      esu,
    );
    expect(await passing.send('\u001b[?1049l')).toBe(`${blank}\u001b[?1049l`);
  });

  it('passes through what it cannot follow, and the screen stays right', async () => {
    const terminal = pair(30, 3);
    await terminal.send('\u001b[?1049h', bsu, 'abc\ndef\nghi', esu);
    await terminal.send(
      bsu,
      '\u001b[2A\u001b[Gxyz\u001b]8;;http://x\u0007link\u001b]8;;\u0007',
      esu,
    );
    await terminal.send(bsu, '\n\u001b[Gq', esu);
    expect(terminal.diffed.text()).toEqual(terminal.direct.text());
  });

  it('ends up with the screen the direct bytes give, for any sequence of line updates', async () => {
    const columns = 24;
    const rows = 5;
    const lineText = fc.stringMatching(/^[a-z0-9 │漢é]{0,26}$/);
    const styled = fc.tuple(
      fc.constantFrom('', '\u001b[1m', '\u001b[31m', '\u001b[48;5;17m'),
      lineText,
    );
    const frame = fc.array(fc.tuple(fc.nat(rows - 1), fc.nat(columns - 1), styled), {
      minLength: 1,
      maxLength: 6,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(frame, {minLength: 1, maxLength: 5}), async (frames) => {
        const terminal = pair(columns, rows);
        await terminal.send(
          '\u001b[?1049h',
          bsu,
          Array(rows).fill(row('', columns)).join('\n'),
          esu,
        );
        for (const updates of frames) {
          let bytes = '';
          for (const [line, column, [style, text]] of updates)
            bytes += `\u001b[${line + 1};${column + 1}H\u001b[K${style}${text.slice(0, columns - column - 1)}\u001b[0m`;
          await terminal.send(bsu, bytes, esu);
        }
        expect(terminal.diffed.cells()).toEqual(terminal.direct.cells());
      }),
      {numRuns: 60},
    );
  });
});
