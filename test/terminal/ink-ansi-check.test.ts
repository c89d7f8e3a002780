import {describe, expect, it} from 'vitest';
import {
  hasAnsiControlCharacters as published,
  tokenizeAnsi as publishedTokenize,
} from '../../node_modules/ink/build/ansi-tokenizer.js';
import {importAsShipped} from '../helpers/bundle-script';
import {seededRandom} from '../helpers/seeded-random';

type Tokenizer = {
  hasAnsiControlCharacters: (text: string) => boolean;
  tokenizeAnsi: typeof publishedTokenize;
};

/** Ink's ANSI tokenizer as the shipped bundle has it. */
async function shippedTokenizer(): Promise<Tokenizer> {
  const {module} = await importAsShipped<Tokenizer>(
    "export * from './node_modules/ink/build/ansi-tokenizer.js';",
    'ansi-tokenizer',
  );
  return module;
}

const pieces = [
  'select 1',
  '│ 1565 ',
  'café',
  '漢字',
  '😀',
  '\u{1F600}'.slice(0, 1),
  '\u007F',
  '\u0080',
  '\u009B',
  '\u009F',
  '\u00A0',
  '\u001B[31m',
  '\u001B',
  '\u0085',
  '\u2028',
];

describe("the bundle's change to Ink's check for escape and C1 characters", () => {
  it('answers as Ink as published does, and tokenizes the same', async () => {
    const shipped = await shippedTokenizer();
    // The bundle's version, not Ink's loop over code points.
    expect(String(shipped.hasAnsiControlCharacters)).not.toContain('for (');
    let withControls = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const random = seededRandom(seed);
      let text = '';
      for (let count = Math.floor(random.next() * 6); count > 0; count--)
        text += random.pick(pieces);
      const expected = published(text);
      if (expected) withControls++;
      expect(shipped.hasAnsiControlCharacters(text), JSON.stringify(text)).toBe(expected);
      expect(shipped.tokenizeAnsi(text)).toEqual(publishedTokenize(text));
    }
    // Both answers were seen often enough to mean something.
    expect(withControls).toBeGreaterThan(500);
    expect(withControls).toBeLessThan(1900);
  });
});
