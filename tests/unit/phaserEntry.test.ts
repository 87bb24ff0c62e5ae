/**
 * The table is built against a trimmed Phaser (src/scenes/phaserEntry.ts). This fails when a scene starts
 * using a part of Phaser the entry does not hold: a `Phaser.X.Y` value, a `this.add.x(...)` factory or a
 * scene plugin such as `this.time` — which would otherwise only break at run time, in the browser. It also fails
 * when a scene (or a module of the build) needs what one of the stand-ins in src/scenes/phaserStubs leaves out.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SCENES = join(ROOT, 'src/scenes');
const PHASER_SRC = join(ROOT, 'node_modules/phaser/src');
const entry = readFileSync(join(SCENES, 'phaserEntry.ts'), 'utf8');
const sources = readdirSync(SCENES)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'phaserEntry.ts')
  .map((f) => ({ file: f, text: readFileSync(join(SCENES, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '') }));

/** Phaser source files the entry imports, and (one level of `require`) what they pull in. */
function entryFiles(): string[] {
  const direct = [...entry.matchAll(/from '(phaser-src\/[^']+)'|import '(phaser-src\/[^']+)'/g)].map((m) => join(PHASER_SRC, (m[1] ?? m[2] ?? '').replace('phaser-src/', '')));
  const all = new Set(direct);
  for (const file of direct) {
    for (const m of readFileSync(file, 'utf8').matchAll(/require\('(\.[^']+)'\)/g)) {
      const target = resolve(dirname(file), m[1] as string);
      all.add(target.endsWith('.js') ? target : `${target}.js`);
    }
  }
  return [...all].filter((f) => { try { readFileSync(f); return true; } catch { return false; } });
}

/** The keys of the `const Phaser = { ... }` object in the entry, as dotted paths; leaves may hold more below. */
function entryPaths(): { nodes: Set<string>; leaves: Set<string> } {
  const body = entry.slice(entry.indexOf('const Phaser = {') + 'const Phaser = '.length);
  const nodes = new Set<string>();
  const leaves = new Set<string>();
  const stack: string[] = [];
  let i = 0;
  let depth = 0;
  do {
    const ch = body[i];
    if (ch === '{') depth++;
    else if (ch === '}') { depth--; stack.pop(); }
    else if (/[A-Za-z_]/.test(ch ?? '')) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(\s*:\s*(\{)?|\s*[,}\n])/.exec(body.slice(i));
      if (m && depth >= 1) {
        const key = m[1] as string;
        const path = [...stack.slice(0, depth - 1), key].join('.');
        if (m[3] === '{') { nodes.add(path); stack.length = depth - 1; stack.push(key); depth++; i += m[0].length; continue; }
        leaves.add(path);
        i += m[0].length - 1;
        // Skip the value expression up to the next comma or closing brace at this depth.
        while (i < body.length && body[i] !== ',' && body[i] !== '}') i++;
        continue;
      }
    }
    i++;
  } while (depth > 0 && i < body.length);
  return { nodes, leaves };
}

describe('the trimmed Phaser entry', () => {
  const { nodes, leaves } = entryPaths();

  it('is what `phaser` resolves to in the build', () => {
    const config = readFileSync(join(ROOT, 'vite.config.ts'), 'utf8');
    expect(config).toMatch(/find: \/\^phaser\$\/, replacement: here\('\.\/src\/scenes\/phaserEntry\.ts'\)/);
    expect(leaves.has('Game') && leaves.has('Scene')).toBe(true);
  });

  it('holds every Phaser.X the scenes use', () => {
    const used = new Set(sources.flatMap((s) => [...s.text.matchAll(/\bPhaser\.([A-Za-z0-9_.]+)/g)].map((m) => (m[1] as string).replace(/\.$/, ''))));
    const missing = [...used].filter((path) => {
      if (path.startsWith('Types.')) return false; // a namespace of types only
      const parts = path.split('.');
      return !parts.some((_, k) => leaves.has(parts.slice(0, k + 1).join('.'))) && !nodes.has(path);
    });
    expect(missing).toEqual([]);
  });

  it('registers every game object factory the scenes call (this.add.x / scene.add.x)', () => {
    const registered = new Set(entryFiles().flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/GameObjectFactory\.register\('(\w+)'/g)].map((m) => m[1])));
    const used = new Set(sources.flatMap((s) => [...s.text.matchAll(/\b(?:this|scene)\.add\.(\w+)\(/g)].map((m) => m[1])));
    expect([...used].filter((name) => !registered.has(name))).toEqual([]);
  });

  it('registers every scene plugin the scenes reach for (this.tweens, this.time, …)', () => {
    const all = new Map<string, string>();
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.js')) for (const m of readFileSync(join(dir, e.name), 'utf8').matchAll(/PluginCache\.register\('(\w+)', \w+, '(\w+)'\)/g)) all.set(m[2] as string, join(dir, e.name));
      }
    };
    walk(PHASER_SRC);
    const present = new Set(entryFiles());
    const used = new Set(sources.flatMap((s) => [...s.text.matchAll(/\b(?:this|scene)\.(\w+)\b/g)].map((m) => m[1] as string)).filter((name) => all.has(name)));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((name) => !present.has(all.get(name) as string))).toEqual([]);
  });
});

/**
 * What would need the real module behind each stand-in in src/scenes/phaserStubs (PHASER_STUBS in vite.config.ts):
 * a scene that starts doing one of these gets a module that does nothing or throws, so this test fails first.
 */
const NEEDS_REAL: Record<string, RegExp> = {
  'InputManager.cjs': /\b(?:this|scene)\.input\b|\.setInteractive\(|\.disableInteractive\(/,
  'AnimationManager.cjs': /\b(?:this|scene)\.anims\b|\.add\.sprite\(|\.play\(/,
  'FilterList.cjs': /\.filters\b|\.enableFilters\(/,
  'cameraEffects.cjs': /\.(?:fade|fadeIn|fadeOut|fadeFrom|flash|shake|pan|zoomTo|rotateTo)\(/,
  // A canvas made into a texture (a note's picture) uses the Canvas parser, which the stand-in keeps; any other texture needs more.
  'textureParsers.cjs': /\b(?:this|scene)\.load\b|\b(?:this|scene)\.textures\b(?!\.(?:addCanvas|remove)\()/,
  'DynamicTexture.cjs': /\bDynamicTexture\b|\bRenderTexture\b|\.renderTexture\(|addDynamicTexture/,
  'TileSprite.cjs': /\bTileSprite\b|\.tileSprite\(/,
  'Layer.cjs': /\bLayer\b|\.layer\(/,
  'math.cjs': /\bPhaser\.Math\b/,
  'TweenChain.cjs': /\.chain\(|\btweens:\s*\[/,
  'arrayUtils.cjs': /\bPhaser\.Utils\b/,
};

const STUBS = join(SCENES, 'phaserStubs');
const withoutComments = (code: string): string => code.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

/**
 * Reads the build flags as the build does (`typeof WEBGL_RENDERER` becomes `false`) and drops the `if (…) { … }`
 * blocks whose condition is then false, with what they `require`.
 */
function withFlags(code: string, flags: Record<string, boolean>): string {
  let out = code.replace(new RegExp(`typeof (${Object.keys(flags).join('|')})\\b`, 'g'), (_m, flag: string) => String(flags[flag]));
  const start = /if \(((?:\s|!|&&|\|\||true|false)+)\)\s*\{/g;
  for (let m = start.exec(out); m; m = start.exec(out)) {
    const holds = (m[1] as string).split('||').some((term) => term.split('&&').every((f) => (f.trim().replace(/^!/, '') === 'true') !== f.trim().startsWith('!')));
    if (holds) continue;
    let depth = 1;
    let i = m.index + m[0].length;
    for (; depth > 0 && i < out.length; i++) {
      if (out[i] === '{') depth++;
      else if (out[i] === '}') depth--;
    }
    out = out.slice(0, m.index) + out.slice(i);
    start.lastIndex = m.index;
  }
  return out;
}

/**
 * The Phaser modules the table's build holds: from the entry's imports along every `require`, with the stand-ins
 * of PHASER_STUBS in place and the blocks of false build flags left out. Keys are paths under phaser/src; a
 * stand-in is read in place of the module it replaces.
 */
function buildModules(stubs: Record<string, string>, flags: Record<string, boolean>): Map<string, string> {
  const files = new Map<string, string>();
  const queue = [...entry.matchAll(/from '(phaser-src\/[^']+)'|import '(phaser-src\/[^']+)'/g)].map((m) => (m[1] ?? m[2] ?? '').replace('phaser-src/', ''));
  while (queue.length > 0) {
    const path = queue.shift() as string;
    if (files.has(path)) continue;
    const stub = stubs[path];
    const code = withFlags(withoutComments(readFileSync(stub ? join(STUBS, stub) : join(PHASER_SRC, path), 'utf8')), flags);
    files.set(path, code);
    for (const m of code.matchAll(/require\('([^']+)'\)/g)) {
      const spec = m[1] as string;
      if (!spec.startsWith('.') && !spec.startsWith('phaser-src/')) continue; // eventemitter3
      const abs = spec.startsWith('.') ? resolve(dirname(join(PHASER_SRC, path)), spec) : join(PHASER_SRC, spec.replace('phaser-src/', ''));
      const rel = abs.slice(PHASER_SRC.length + 1);
      const candidates = [rel, `${rel}.js`, `${rel}/index.js`];
      const found = candidates.find((c) => c.endsWith('.js') && (() => { try { return readFileSync(join(PHASER_SRC, c)) !== null; } catch { return false; } })());
      if (found) queue.push(found);
    }
  }
  return files;
}

describe('the stand-ins for Phaser modules the table does not use', async () => {
  const { PHASER_STUBS, PHASER_FLAGS } = await import('../../vite.config.ts');
  const boot = sources.find((s) => s.file === 'bootTable.ts')?.text ?? '';
  const modules = buildModules(PHASER_STUBS, PHASER_FLAGS);

  it('hold every member the build reads from a namespace they stand in for (components, array utils, parsers, …)', () => {
    const namespaces = Object.entries(PHASER_STUBS).filter(([, stub]) => /^module\.exports = \{/m.test(readFileSync(join(STUBS, stub), 'utf8')));
    expect(namespaces.length).toBeGreaterThan(3);
    const missing: string[] = [];
    for (const [path, stub] of namespaces) {
      const held = new Set([...readFileSync(join(STUBS, stub), 'utf8').matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]));
      const name = path.replace(/\/index\.js$|\.js$/, '');
      for (const [file, code] of modules) {
        if (PHASER_STUBS[file]) continue;
        for (const m of code.matchAll(/var (\w+) = require\('([^']+)'\);/g)) {
          const target = resolve(dirname(join(PHASER_SRC, file)), m[2] as string).slice(PHASER_SRC.length + 1).replace(/\/$/, '');
          if (target !== name && target !== path) continue;
          for (const use of code.matchAll(new RegExp(`\\b${m[1]}\\.(\\w+)`, 'g'))) if (!held.has(use[1]) && !((use[1] as string) in Object.prototype)) missing.push(`${file} reads ${m[1]}.${use[1]} (${stub})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('leave out what they replace: no module in the build is one of them', () => {
    expect(modules.size).toBeGreaterThan(100);
    expect(modules.has('core/Game.js') && modules.has('gameobjects/text/Text.js')).toBe(true);
    for (const stubbed of ['filters/Blur.js', 'renderer/webgl/WebGLRenderer.js', 'input/mouse/MouseManager.js', 'animations/Animation.js', 'textures/parsers/JSONHash.js', 'math/Matrix4.js', 'gameobjects/components/PathFollower.js']) {
      expect(modules.has(stubbed), stubbed).toBe(false);
    }
  });

  it('each replaces a real Phaser module and says why the table does not need it', () => {
    expect(Object.keys(PHASER_STUBS).length).toBeGreaterThan(0);
    for (const [path, stub] of Object.entries(PHASER_STUBS)) {
      expect(() => readFileSync(join(PHASER_SRC, path)), path).not.toThrow();
      expect(readFileSync(join(STUBS, stub), 'utf8'), stub).toMatch(new RegExp(`^/\\*\\*\\n \\* Stands in for phaser/src/${path.replace(/[.]/g, '\\.')}\\b`));
    }
    expect(readdirSync(STUBS).sort()).toEqual(Object.values(PHASER_STUBS).sort());
  });

  it('no scene uses what a stand-in leaves out (input, animations, filters, camera effects, textures, loader, …)', () => {
    expect(Object.keys(NEEDS_REAL).every((stub) => Object.values(PHASER_STUBS).includes(stub))).toBe(true);
    const uses = sources.flatMap((s) => Object.entries(NEEDS_REAL).filter(([, re]) => re.test(s.text)).map(([stub]) => `${s.file} needs the real module behind ${stub}`));
    expect(uses).toEqual([]);
    // Phaser's sound is left out of the build (FEATURE_SOUND false): Howler plays every sound.
    expect(sources.filter((s) => /\b(?:this|scene|game)\.sound\b/.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('every ease a tween names is in easeMap.cjs, which stands in for Phaser\'s full list', () => {
    const held = new Set([...readFileSync(join(STUBS, 'easeMap.cjs'), 'utf8').matchAll(/^ {2}'?([\w.]+)'?:/gm)].map((m) => m[1]));
    const eases = sources.flatMap((s) => [...s.text.matchAll(/\bease: *([^,}\n]+)/g)].map((m) => (m[1] as string).trim()));
    expect(eases.length).toBeGreaterThan(0);
    // A name only: an ease held in a variable could not be checked here.
    expect(eases.filter((e) => !/^'[\w.]+'$/.test(e))).toEqual([]);
    expect(eases.map((e) => e.slice(1, -1)).filter((e) => !held.has(e))).toEqual([]);
  });

  it('the game config matches what the stand-ins assume: Canvas, no banner, no input, no audio', () => {
    // WebGLTextureWrapper.cjs and Earcut.cjs: only the WebGL renderer needs them.
    expect(boot).toMatch(/type: Phaser\.CANVAS\b/);
    expect(boot).not.toMatch(/Phaser\.(?:WEBGL|AUTO)\b/);
    // DebugHeader.cjs prints nothing, as the real one does with the banner off.
    expect(boot).toMatch(/banner: false\b/);
    // InputManager.cjs listens to nothing, as the real one does with these off.
    expect(boot).toMatch(/input: \{[^}]*keyboard: false[^}]*\}/);
    expect(boot).toMatch(/input: \{[^}]*mouse: false[^}]*\}/);
    expect(boot).toMatch(/input: \{[^}]*touch: false[^}]*\}/);
    expect(boot).toMatch(/audio: \{ noAudio: true \}/);
  });

  it('a camera effect that never runs still has every method Camera and the Canvas renderer call on it', async () => {
    const callers = ['cameras/2d/Camera.js', 'renderer/canvas/CanvasRenderer.js'].map((f) => readFileSync(join(PHASER_SRC, f), 'utf8')).join('\n');
    const called = new Set([...callers.matchAll(/\b(\w+Effect)\.(\w+)\b/g)].map((m) => m[2] as string));
    expect(called.has('postRenderCanvas')).toBe(true);
    const { createRequire } = await import('node:module');
    const effects = createRequire(import.meta.url)(join(STUBS, 'cameraEffects.cjs')) as Record<string, new (camera: unknown) => Record<string, unknown>>;
    for (const [name, Effect] of Object.entries(effects)) {
      const effect = new Effect({});
      expect([...called].filter((key) => !(key in effect)), name).toEqual([]);
      expect(effect.isRunning, name).toBe(false);
    }
  });
});
