import {defineConfig} from 'vitest/config';

export default defineConfig({
  plugins: [
    {
      // Probes import their .sql as text, as the esbuild bundle does.
      name: 'sql-as-text',
      transform(code, id) {
        if (id.endsWith('.sql')) return {code: `export default ${JSON.stringify(code)};`, map: null};
        return undefined;
      },
    },
  ],
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/setup/global-postgres.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only fight over the CPU the PostgreSQL server also needs.
    maxWorkers: 2,
    env: {FORCE_COLOR: '0'},
  },
});
