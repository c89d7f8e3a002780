import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import terminalWidth from '../../source/text/terminal-width';

describe('terminal width', () => {
  it('gives string-width’s answer for every code point of the basic plane', () => {
    const differences: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCharCode(code);
      if (terminalWidth(character) !== stringWidth(character)) differences.push(code.toString(16));
    }
    expect(differences).toEqual([]);
  });

  it('gives string-width’s answer for styled lines mixing borders, wide text, emoji and marks', () => {
    const piece = fc.constantFrom(
      '│',
      '─',
      '╭',
      '·',
      'é',
      'e\u0301',
      '漢',
      '👍',
      '✓',
      '▇',
      ' ',
      'a',
      '\u001b[31m',
      '\u001b[0m',
      '\ufe0f',
      '\u200d',
      '…',
      '°',
      '−',
    );
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 40}), (pieces) => {
        const line = pieces.join('');
        expect(terminalWidth(line)).toBe(stringWidth(line));
        expect(terminalWidth(line, {ambiguousIsNarrow: false})).toBe(
          stringWidth(line, {ambiguousIsNarrow: false}),
        );
      }),
      {numRuns: 2000},
    );
  });
});
