import { defineConfig } from 'vitest/config';
import { textModules } from './tests/helpers/text-modules.ts';

export default defineConfig({
  plugins: [textModules],
  test: {
    name: 'node',
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/workers/**', 'tests/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
  },
});
