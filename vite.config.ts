import { defineConfig } from 'vitest/config';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Phaser's sources read build flags as `typeof WEBGL_RENDERER` and the like (its webpack build defines them).
 * The table draws with Canvas only: the WebGL renderer, sound and the optional plugins stay out of the build.
 */
export const PHASER_FLAGS: Record<string, boolean> = {
  CANVAS_RENDERER: true,
  WEBGL_RENDERER: false,
  WEBGL_DEBUG: false,
  EXPERIMENTAL: false,
  FEATURE_SOUND: false,
  PLUGIN_CAMERA3D: false,
  PLUGIN_FBINSTANT: false,
};

/**
 * Phaser modules the table never uses, each replaced by a small stand-in (src/scenes/phaserStubs/, every file says
 * why the table does not need the real one). Keyed by the path under phaser/src as Phaser's own files require it;
 * tests/unit/phaserEntry.test.ts fails when a scene starts using what a stand-in left out.
 */
export const PHASER_STUBS: Record<string, string> = {
  'input/InputManager.js': 'InputManager.cjs',
  'animations/AnimationManager.js': 'AnimationManager.cjs',
  'gameobjects/components/FilterList.js': 'FilterList.cjs',
  'cameras/2d/effects/index.js': 'cameraEffects.cjs',
  'textures/parsers/index.js': 'textureParsers.cjs',
  'textures/DynamicTexture.js': 'DynamicTexture.cjs',
  'gameobjects/tilesprite/TileSprite.js': 'TileSprite.cjs',
  'gameobjects/layer/Layer.js': 'Layer.cjs',
  'renderer/webgl/wrappers/WebGLTextureWrapper.js': 'WebGLTextureWrapper.cjs',
  'geom/polygon/Earcut.js': 'Earcut.cjs',
  'math/index.js': 'math.cjs',
  'core/DebugHeader.js': 'DebugHeader.cjs',
  'gameobjects/components/index.js': 'components.cjs',
  'utils/array/index.js': 'arrayUtils.cjs',
  'tweens/tween/TweenChain.js': 'TweenChain.cjs',
  'tweens/builders/TweenChainBuilder.js': 'TweenChainBuilder.cjs',
  'device/Audio.js': 'deviceAudio.cjs',
  'device/Video.js': 'deviceVideo.cjs',
  'math/easing/EaseMap.js': 'easeMap.cjs',
};

/** Swaps the modules in PHASER_STUBS for their stand-ins when one of Phaser's own files (or a stand-in) requires them. */
function phaserStubs(): Plugin {
  return {
    name: 'ruimte-phaser-stubs',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const fromPhaser = importer?.includes('/phaser/src/') || importer?.includes('/src/scenes/phaserStubs/');
      if (!fromPhaser || !/^(?:\.|\/|phaser-src\/)/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const path = resolved?.id.split('/phaser/src/')[1];
      const stub = path === undefined ? undefined : PHASER_STUBS[path];
      return stub ? here(`./src/scenes/phaserStubs/${stub}`) : null;
    },
  };
}

function phaserFlags(): Plugin {
  const pattern = new RegExp(`typeof (${Object.keys(PHASER_FLAGS).join('|')})\\b`, 'g');
  return {
    name: 'ruimte-phaser-flags',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/phaser/src/') || !code.includes('typeof ')) return null;
      return { code: code.replace(pattern, (_m, flag: string) => String(PHASER_FLAGS[flag])), map: null };
    },
  };
}

export default defineConfig(({ command }) => ({
  base: './',
  // Icons and other files copied as they are.
  publicDir: 'assets/public',
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1600,
  },
  server: { host: '127.0.0.1' },
  resolve: {
    alias:
      command === 'build'
        ? [
            // The table's trimmed Phaser (src/scenes/phaserEntry.ts), built from Phaser's own sources.
            { find: /^phaser$/, replacement: here('./src/scenes/phaserEntry.ts') },
            { find: /^phaser-src\//, replacement: `${here('./node_modules/phaser/src')}/` },
          ]
        : // The dev server serves modules as they are, and Phaser's sources are CommonJS: it gets Phaser's own
          // ES module bundle (the whole of Phaser; what the table may use is checked by phaserEntry.test.ts).
          [{ find: /^phaser$/, replacement: here('./node_modules/phaser/dist/phaser.esm.js') }],
  },
  plugins: [
    phaserFlags(),
    phaserStubs(),
    VitePWA({
      // Installable on a tablet's home screen; once loaded, the game starts and plays with no network.
      registerType: 'autoUpdate',
      injectRegister: 'script',
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: 'Ruimte',
        short_name: 'Ruimte',
        description: 'Het spel dat werkdruk bespreekbaar maakt / The game that gets a team talking about work pressure',
        lang: 'nl',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'any',
        background_color: '#fdf6ec',
        theme_color: '#1f7a70',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The first visit precaches what the first screens and a game on one screen need. The rest (Phaser,
        // loaded when a game starts; the editor, the programme, the phone's page) is cached
        // by the worker the first time it is fetched: after one session, a second one plays with no network.
        globPatterns: ['**/*.{js,css,html,svg,png,mp3,json,webmanifest}'],
        globIgnores: ['**/assets/bootTable-*.js', '**/assets/editor-*.js', '**/assets/programme-*.{js,css}', '**/assets/device-*.{js,css}', '**/assets/pollDevice-*.js'],
        runtimeCaching: [
          {
            // Hashed file names: a cached file never changes.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.includes('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'ruimte-assets', expiration: { maxEntries: 120, purgeOnQuotaError: true } },
          },
        ],
        // The worker takes the open page at once, so what a first session fetches is cached too.
        clientsClaim: true,
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
    environment: 'node',
    // Property tests run hundreds of cases; on a busy 2-core machine 5 s is too tight.
    testTimeout: 60_000,
  },
}));
