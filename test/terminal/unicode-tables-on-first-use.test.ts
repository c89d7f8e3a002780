import {tokenize as publishedTokenize} from '@alcalzone/ansi-tokenize';
import publishedSliceAnsi from 'slice-ansi';
import publishedStringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import publishedWrapAnsi from 'wrap-ansi';
import publishedLineUpdate from '../../node_modules/ink/build/line-update.js';
import {importAsShipped} from '../helpers/bundle-script';
import {seededRandom} from '../helpers/seeded-random';

type Shipped = {
  stringWidth: typeof publishedStringWidth;
  wrapAnsi: typeof publishedWrapAnsi;
  sliceAnsi: typeof publishedSliceAnsi;
  tokenize: typeof publishedTokenize;
  lineUpdate: typeof publishedLineUpdate;
};

/** The five modules as the shipped bundle has them, with the source esbuild wrote. */
function shippedModules(): Promise<{module: Shipped; source: string}> {
  return importAsShipped<Shipped>(
    [
      "export {default as stringWidth} from './node_modules/string-width/index.js';",
      "export {default as wrapAnsi} from './node_modules/wrap-ansi/index.js';",
      "export {default as sliceAnsi} from './node_modules/slice-ansi/index.js';",
      "export {tokenize} from './node_modules/@alcalzone/ansi-tokenize/build/tokenize.js';",
      "export {default as lineUpdate} from './node_modules/ink/build/line-update.js';",
    ].join('\n'),
    'unicode-tables',
  );
}

const pieces = [
  'select 1',
  '│ 1565 ',
  ' ',
  'café',
  'e\u0301',
  '漢字',
  'ｶﾞ',
  '😀',
  '👍🏽',
  '👩‍💻',
  '🇫🇷',
  '1\u20e3',
  '\u200b',
  '\u001b[31m',
  '\u001b[0m',
  '한국어',
];

describe('the Unicode tables of the terminal-text modules, made at first use', () => {
  it('are not made while the bundle loads, and answer as the published modules do', async () => {
    const made: unknown[] = [];
    const Segmenter = Intl.Segmenter;
    const intl = Intl as {Segmenter: typeof Intl.Segmenter};
    intl.Segmenter = class extends Segmenter {
      constructor(...options: ConstructorParameters<typeof Segmenter>) {
        super(...options);
        made.push(options);
      }
    };
    let shipped: Shipped;
    let source: string;
    try {
      ({module: shipped, source} = await shippedModules());
      expect(made).toEqual([]);
      expect(shipped.stringWidth('👩‍💻 漢字')).toBe(7);
      expect(made.length).toBeGreaterThan(0);
    } finally {
      intl.Segmenter = Segmenter;
    }
    // The emoji expression is built inside the function that first needs it, nowhere else.
    expect(source.match(/RGI_Emoji/g)).toHaveLength(1);
    expect(source).toMatch(/\?\?=\s*new RegExp\("\^\\\\p\{RGI_Emoji\}\$", "v"\)/);

    for (let seed = 1; seed <= 500; seed++) {
      const random = seededRandom(seed);
      let text = '';
      for (let count = random.integer(1, 6); count > 0; count--) text += random.pick(pieces);
      let other = '';
      for (let count = random.integer(0, 6); count > 0; count--) other += random.pick(pieces);
      const case_ = JSON.stringify([text, other]);
      expect(shipped.stringWidth(text), case_).toBe(publishedStringWidth(text));
      expect(shipped.wrapAnsi(text, 7, {hard: true}), case_).toBe(
        publishedWrapAnsi(text, 7, {hard: true}),
      );
      expect(shipped.sliceAnsi(text, 1, 6), case_).toBe(publishedSliceAnsi(text, 1, 6));
      expect(shipped.tokenize(text), case_).toEqual(publishedTokenize(text));
      expect(shipped.lineUpdate(other, text, 12), case_).toEqual(
        publishedLineUpdate(other, text, 12),
      );
    }
  });
});
