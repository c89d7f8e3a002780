import {build} from 'esbuild';
import {describe, expect, it} from 'vitest';
import InkOutput from '../../node_modules/ink/build/output.js';
import {bundleOptions} from '../../scripts/bundle-options.mjs';
import FrameOutput from '../../source/terminal/ink-frame-output';
import {seededRandom} from '../helpers/seeded-random';

type Transformer = (line: string, index: number) => string;
type Operation =
  | {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]}
  | {type: 'clip'; clip: {x1?: number; x2?: number; y1?: number; y2?: number}}
  | {type: 'unclip'};

type AnyOutput = {
  write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void;
  clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
  unclip(): void;
  get(): {output: string; height: number};
};

function draw(output: AnyOutput, operations: Operation[]) {
  for (const operation of operations) {
    if (operation.type === 'write')
      output.write(operation.x, operation.y, operation.text, {
        transformers: operation.transformers,
      });
    else if (operation.type === 'clip') output.clip(operation.clip);
    else output.unclip();
  }
  return output.get();
}

function bothFrames(width: number, height: number, operations: Operation[]) {
  return {
    ink: draw(new InkOutput({width, height}) as unknown as AnyOutput, operations),
    ours: draw(new FrameOutput({width, height}), operations),
  };
}

const red: Transformer = (line) => `\u001b[31m${line}\u001b[39m`;
const bold: Transformer = (line) => `\u001b[1m${line}\u001b[22m`;
const dimOddLines: Transformer = (line, index) =>
  index % 2 === 1 ? `\u001b[2m${line}\u001b[22m` : line;
const blueBackground: Transformer = (line) =>
  `\u001b[44m${line.replaceAll('\u001b[49m', '\u001b[44m')}\u001b[49m`;

const pieces = [
  'SELECT 1',
  'idle in transaction',
  ' ',
  '│',
  '─┼─',
  '·',
  '…',
  '▲',
  'café',
  'e\u0301',
  '漢字',
  '😀',
  '👩‍💻',
  '🇩🇪',
  '✓',
  '⚠️',
  'soft\u00adhyphen',
  'zero\u200bwidth',
  '\t',
  '\n',
  '\u001b[31m',
  '\u001b[39m',
  '\u001b[1m',
  '\u001b[2m',
  '\u001b[22m',
  '\u001b[1;33;44m',
  '\u001b[38;5;208m',
  '\u001b[38;2;10;20;30m',
  '\u001b[0m',
  '\u001b[7m',
  '\u001b[27m',
  '\u001b]8;;https://example.test\u0007link\u001b]8;;\u0007',
  '\u001b[2J',
];

function randomOperations(seed: number, width: number, height: number): Operation[] {
  const random = seededRandom(seed);
  const operations: Operation[] = [];
  let depth = 0;
  for (let count = random.integer(5, 40); count > 0; count--) {
    const roll = random.next();
    if (roll < 0.12) {
      const x1 = random.integer(-2, width);
      const y1 = random.integer(-1, height);
      operations.push({
        type: 'clip',
        clip: {
          x1: random.next() < 0.2 ? undefined : x1,
          x2: random.next() < 0.2 ? undefined : x1 + random.integer(-1, width),
          y1: random.next() < 0.2 ? undefined : y1,
          y2: random.next() < 0.2 ? undefined : y1 + random.integer(-1, height),
        },
      });
      depth++;
    } else if (roll < 0.2 && depth > 0) {
      operations.push({type: 'unclip'});
      depth--;
    } else {
      let text = '';
      for (let parts = random.integer(1, 8); parts > 0; parts--) text += random.pick(pieces);
      const transformers = [red, bold, dimOddLines, blueBackground].filter(
        () => random.next() < 0.25,
      );
      operations.push({
        type: 'write',
        x: random.integer(-3, width + 2),
        y: random.integer(-2, height),
        text,
        transformers,
      });
    }
  }
  return operations;
}

describe("the frame output the bundle gives Ink's renderer", () => {
  it('draws what Ink draws: ASCII, colour, wide, invisible and clipped text', () => {
    const lines = [
      'plain ASCII: SELECT 1 FROM t WHERE a ~ b',
      '\u001b[31mred\u001b[39m and \u001b[1mbold\u001b[22m text',
      '漢字 wide 😀 emoji ✓ done',
      'soft\u00adhyphen and zero\u200bwidth and e\u0301',
      'tab\there ␛[2J marker',
      'a line far longer than the forty columns of this frame, cut',
    ];
    const operations: Operation[] = lines.map((text, y) => ({
      type: 'write',
      x: 0,
      y,
      text,
      transformers: [],
    }));
    operations.push(
      {type: 'clip', clip: {x1: 2, x2: 12, y1: 6, y2: 8}},
      {type: 'write', x: 0, y: 6, text: '漢字漢字漢字 clipped inside', transformers: [red]},
      {type: 'unclip'},
    );
    const {ink, ours} = bothFrames(40, 8, operations);
    expect(ours).toEqual(ink);
    expect(ours.output).toContain('漢字 wide 😀 emoji ✓ done');
    expect(ours.output).toContain('softhyphen and zerowidth');
  });

  it('draws what Ink draws for a bordered, coloured table', () => {
    const operations: Operation[] = [
      {type: 'write', x: 0, y: 0, text: `┌${'─'.repeat(30)}┐`, transformers: []},
      {type: 'write', x: 0, y: 1, text: '│\n│\n│', transformers: [blueBackground]},
      {type: 'write', x: 31, y: 1, text: '│\n│\n│', transformers: []},
      {type: 'clip', clip: {x1: 1, x2: 31, y1: 1, y2: 4}},
      {type: 'write', x: 1, y: 1, text: 'PID   STATE   QUERY', transformers: [bold]},
      {
        type: 'write',
        x: 1,
        y: 2,
        text: '4242  active  SELECT pg_sleep(10) · 12s',
        transformers: [],
      },
      {type: 'write', x: 8, y: 2, text: 'active', transformers: [red, dimOddLines]},
      {type: 'write', x: 1, y: 3, text: 'a\nb\nc\nd', transformers: [dimOddLines]},
      {type: 'unclip'},
    ];
    const {ink, ours} = bothFrames(40, 6, operations);
    expect(ours).toEqual(ink);
  });

  it('draws what Ink draws for 400 random frames of writes, clips and colours', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const random = seededRandom(seed * 7919);
      const width = random.integer(1, 30);
      const height = random.integer(1, 8);
      const operations = randomOperations(seed, width, height);
      const {ink, ours} = bothFrames(width, height, operations);
      expect({seed, ...ours}).toEqual({seed, ...ink});
    }
  });

  it('draws each frame afresh when a grid is reused for the next frame', () => {
    const first = bothFrames(20, 3, [
      {type: 'write', x: 0, y: 0, text: '漢字 first frame', transformers: [red]},
      {type: 'write', x: 25, y: 1, text: 'past the edge', transformers: []},
    ]);
    expect(first.ours).toEqual(first.ink);
    const second = bothFrames(20, 3, [
      {type: 'write', x: 2, y: 2, text: 'second', transformers: []},
    ]);
    expect(second.ours).toEqual(second.ink);
    expect(second.ours.output).toBe('\n\n  second');
  });

  it("is what the shipped bundle's renderer uses in place of Ink's Output", async () => {
    const result = await build({
      ...bundleOptions,
      stdin: {
        contents: "export {default} from './node_modules/ink/build/renderer.js';",
        resolveDir: process.cwd(),
      },
      write: false,
      metafile: true,
      outfile: 'renderer.mjs',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('source/terminal/ink-frame-output.ts');
    expect(inputs.filter((input) => input.endsWith('ink/build/output.js'))).toEqual([]);
  });
});
