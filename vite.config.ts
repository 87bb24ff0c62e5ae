import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: './',
  publicDir: false,
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1600,
  },
  server: { host: '127.0.0.1' },
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
