/**
 * The architecture's rules (docs/ARCHITECTURE.md), checked by `npm run check:structure` and inside `npm test`.
 * Type-only imports count too: a circle through types is still a circle.
 */
/** Modules that only make sense in a browser (a canvas, sound, the DOM overlays, the page's boot). */
const BROWSER_ONLY = ['^src/(ui|scenes|game|stage|device|editor|programme|storage)/', '^src/(main|audio|content|extensions)\\.ts$', '^(node_modules/)?(phaser|howler|uqr)(/|$)'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles: a circle makes two modules one, and every change to one touches the other.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core holds the rules and nothing else: it imports no view, no storage, no device, no screen beside the game.',
      from: { path: '^src/core/' },
      to: { path: '^src/(ui|scenes|game|stage|storage|device|editor|programme)/' },
    },
    {
      name: 'core-has-no-browser',
      severity: 'error',
      comment: 'src/core runs in Node tests and on the server: no browser-only module (DOM overlays, Phaser, Howler, the page boot).',
      from: { path: '^src/core/' },
      to: { path: BROWSER_ONLY },
    },
    {
      name: 'core-has-no-node',
      severity: 'error',
      comment: 'src/core also runs in the browser: no Node built-in modules.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'scenes-without-ui',
      severity: 'error',
      comment: 'The Phaser scenes draw a view; the DOM panels are not theirs to use.',
      from: { path: '^src/scenes/' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'only-storage-touches-localstorage',
      severity: 'error',
      comment: 'Only src/storage touches localStorage: everyone else goes through deviceStore() from src/storage/index.ts. (A Vitest test also scans src/ for the word.)',
      from: { pathNot: '^src/storage/' },
      to: { path: '^src/storage/local\\.ts$' },
    },
    {
      name: 'server-without-browser',
      severity: 'error',
      comment: 'The room server holds no game rules and no browser code: it imports src/net and, for types only, src/core.',
      from: { path: '^src/server/' },
      to: { path: '^src/', pathNot: '^src/(server|net|core)/' },
    },
    {
      name: 'server-core-types-only',
      severity: 'error',
      comment: 'The server may name core types, never run core code.',
      from: { path: '^src/server/' },
      to: { path: '^src/core/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-no-browser-packages',
      severity: 'error',
      comment: 'No browser packages on the server.',
      from: { path: '^src/server/' },
      to: { path: '^(node_modules/)?(phaser|howler|i18next|uqr/dist/browser)(/|$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.(css|svg|png|webm|mp3|json)$' },
    tsPreCompilationDeps: true,
    // TypeScript 7 has no compiler API for dependency-cruiser to parse with: swc parses the sources (and
    // still tells type-only imports apart).
    parser: 'swc',
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.mjs', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
