import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { SummaryLineReporter } from './packages/testkit/src/summary-line-reporter.ts';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests run on the TypeScript sources: packages resolve to src/, so no build comes first.
export default defineConfig({
  resolve: {
    alias: {
      '@rollcall/shared': src('shared'),
      '@rollcall/loader': src('loader'),
      '@rollcall/reader': src('reader'),
      '@rollcall/testkit': src('testkit'),
      '@rollcall/throwaway-db': src('throwaway-db'),
    },
  },
  test: {
    reporters: ['default', new SummaryLineReporter()],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Some unit tests spawn a command (--help, --version, bad options) and wait for its
          // exit: Node's start-up alone can take seconds on a busy 2-core machine.
          testTimeout: 20_000,
          include: ['packages/*/src/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          // Database tests: each file creates its own database on the server named by
          // MYSQL_*, or, with MYSQL_HOST unset, on a throwaway server (packages/throwaway-db).
          name: 'db',
          include: ['packages/*/src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          globalSetup: ['packages/testkit/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
