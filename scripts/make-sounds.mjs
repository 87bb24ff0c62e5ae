#!/usr/bin/env node
// Ruimte sound effects generator.
//
// Synthesises every sound effect of the game from scratch (oscillators,
// envelopes and filtered noise, no samples), joins them into one sound sprite
// and writes:
//   assets/audio/sfx.mp3    MP3,   40 kbit/s mono   (committed; every browser plays it)
//   assets/audio/sfx.json   { "sprite": { "<cue>": [startMs, durationMs] } } (Howler format)
//
// The encoded files are committed, so the game itself never needs this
// script. You only need it (and `ffmpeg` with libmp3lame on your
// PATH, e.g. `apt-get install ffmpeg`) when you want to regenerate the sounds:
//
//   node scripts/make-sounds.mjs             # regenerate everything
//   node scripts/make-sounds.mjs --keep-wav  # also keep assets/audio/sfx.wav for inspection
//
// No npm dependencies. Output is deterministic (seeded noise), so running it
// twice gives the same PCM. The sounds are (c) the Ruimte team, CC BY 4.0
// (see assets/CREDITS.md).

import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SR = 44100; // sample rate (Hz); 44.1 samples per ms, so 10 ms = 441 samples exactly
const GAP_MS = 300; // silence between cues (and after the last one)
const PEAK_DBFS = -3; // sample-peak ceiling per cue
const TARGET_LOUDNESS = -14; // loudest-200-ms K-weighted level (LUFS-like) every cue aims for
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'assets', 'audio');
const KEEP_WAV = process.argv.includes('--keep-wav');

// ---------------------------------------------------------------- basics

const TAU = 2 * Math.PI;
const sec = (s) => Math.round(s * SR);
const mtof = (midi) => 440 * 2 ** ((midi - 69) / 12);
const dbToGain = (db) => 10 ** (db / 20);
const gainToDb = (g) => 20 * Math.log10(Math.max(g, 1e-12));
const clamp01 = (x) => Math.min(1, Math.max(0, x));
const smoothstep = (x) => {
  const t = clamp01(x);
  return t * t * (3 - 2 * t);
};

/** Small deterministic PRNG (mulberry32) so the noise is the same on every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** White noise in [-1, 1]. */
function noise(n, seed) {
  const r = rng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = r() * 2 - 1;
  return out;
}

/**
 * Topology-preserving state-variable filter (Zavalishin). `cutoff` may be a
 * number or a function of time (s), so sweeps stay smooth and stable.
 * mode: 'lp' | 'bp' | 'hp'. Returns a new buffer.
 */
function svf(input, mode, cutoff, q = 0.707) {
  const out = new Float64Array(input.length);
  const k = 1 / q;
  let ic1 = 0;
  let ic2 = 0;
  const fixed = typeof cutoff === 'number';
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  const coeffs = (fc) => {
    const g = Math.tan((Math.PI * Math.min(fc, SR * 0.45)) / SR);
    a1 = 1 / (1 + g * (g + k));
    a2 = g * a1;
    a3 = g * a2;
  };
  if (fixed) coeffs(cutoff);
  for (let i = 0; i < input.length; i++) {
    if (!fixed) coeffs(cutoff(i / SR));
    const v0 = input[i];
    const v3 = v0 - ic2;
    const v1 = a1 * ic1 + a2 * v3;
    const v2 = ic2 + a2 * ic1 + a3 * v3;
    ic1 = 2 * v1 - ic1;
    ic2 = 2 * v2 - ic2;
    out[i] = mode === 'lp' ? v2 : mode === 'bp' ? v1 : v0 - k * v1 - v2;
  }
  return out;
}

/** Mix `src` into `dst` starting at sample `at`, scaled by `gain`. */
function mixInto(dst, src, at = 0, gain = 1) {
  for (let i = 0; i < src.length && at + i < dst.length; i++) dst[at + i] += src[i] * gain;
}

/**
 * Gentle tanh saturation, used on transient-heavy cues (noise, mallets) to
 * trim their sharpest peaks so they can sit as loud as the tonal cues
 * without exceeding the peak ceiling. drive ~1-2 is subtle.
 */
function saturate(buf, drive) {
  let peak = 0;
  for (const v of buf) peak = Math.max(peak, Math.abs(v));
  const norm = Math.tanh(drive);
  for (let i = 0; i < buf.length; i++) buf[i] = Math.tanh((drive * buf[i]) / peak) / norm;
  return buf;
}

/** Raised-cosine fade in and fade out (in seconds) so every cue starts and ends at exactly zero. */
function fade(buf, inS, outS) {
  const ni = Math.max(1, sec(inS));
  const no = Math.max(1, sec(outS));
  for (let i = 0; i < ni && i < buf.length; i++) buf[i] *= 0.5 - 0.5 * Math.cos((Math.PI * i) / ni);
  for (let i = 0; i < no && i < buf.length; i++) {
    const j = buf.length - 1 - i;
    buf[j] *= 0.5 - 0.5 * Math.cos((Math.PI * i) / no);
  }
  return buf;
}

/**
 * A struck, decaying tone made of sine partials.
 * partials: [{ ratio, amp, decay (s, exponential time constant) }]
 * attack: soft-mallet attack time (s); glide: relative pitch offset at the
 * very start that settles within glideTime (gives a "tock" its knock);
 * beat: adds a slightly detuned copy of the first partial for a slow shimmer.
 */
function strike(n, freq, { partials, attack = 0.003, glide = 0, glideTime = 0.01, beat = 0, beatAmp = 0 }) {
  const out = new Float64Array(n);
  const all = beat ? [...partials, { ratio: partials[0].ratio * (1 + beat), amp: beatAmp, decay: partials[0].decay }] : partials;
  for (const p of all) {
    let phase = 0;
    for (let i = 0; i < n; i++) {
      const t = i / SR;
      const env = (1 - Math.exp(-t / attack)) * Math.exp(-t / p.decay);
      if (env < 1e-6 && t > attack * 10) break;
      const f = freq * p.ratio * (1 + glide * Math.exp(-t / glideTime));
      out[i] += p.amp * env * Math.sin(phase);
      phase += (TAU * f) / SR;
    }
  }
  return out;
}

/** Warm electric-piano-like FM voice (carrier:modulator 1:1, index decays). */
function fmNote(n, freq, { decay = 0.6, attack = 0.004, index = 1.2, indexDecay = 0.15, indexFloor = 0.12 }) {
  const out = new Float64Array(n);
  let pc = 0;
  let pm = 0;
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    const env = (1 - Math.exp(-t / attack)) * Math.exp(-t / decay);
    const idx = index * Math.exp(-t / indexDecay) + indexFloor;
    out[i] = env * Math.sin(pc + idx * Math.sin(pm));
    pc += (TAU * freq) / SR;
    pm += (TAU * freq) / SR;
  }
  return out;
}

// ---------------------------------------------------------------- cues

/** flip: a card flipping open, a soft papery swish with a light settle at the end. */
function flip() {
  const n = sec(0.25);
  const out = new Float64Array(n);
  // Air swish: band-passed noise whose centre rises and falls with the card's rotation.
  const swishEnv = (t) => (t < 0.075 ? smoothstep(t / 0.075) : Math.exp(-(t - 0.075) / 0.055));
  const band = svf(noise(n, 11), 'bp', (t) => 700 + 2600 * Math.sin(Math.PI * clamp01(t / 0.2)) ** 2, 0.8);
  // Paper rustle: slow random flutter on the amplitude.
  const flutter = svf(noise(n, 12), 'lp', 90);
  let fl = 0;
  for (let i = 0; i < n; i++) fl = Math.max(fl, Math.abs(flutter[i]));
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    out[i] += band[i] * swishEnv(t) * (0.8 + 0.35 * (flutter[i] / fl));
  }
  // A little body so it sounds like card, not hiss.
  const body = svf(noise(n, 13), 'lp', 500);
  for (let i = 0; i < n; i++) out[i] += body[i] * 1.6 * swishEnv(i / SR);
  // The card settles: a tiny soft papery tap.
  const tapN = sec(0.035);
  const tapSrc = svf(noise(tapN, 14), 'bp', 1900, 1.2);
  for (let i = 0; i < tapN; i++) tapSrc[i] *= Math.exp(-i / SR / 0.007) * (1 - Math.exp(-i / SR / 0.0008));
  mixInto(out, tapSrc, sec(0.165), 0.9);
  const soft = svf(svf(saturate(out, 2), 'lp', 6000), 'hp', 120);
  return fade(soft, 0.004, 0.04);
}

/** drop: a dot landing on a note, a short soft marimba "tock". */
function drop() {
  const n = sec(0.18);
  const f = mtof(76); // E5
  const out = strike(n, f, {
    attack: 0.002,
    glide: 0.03,
    glideTime: 0.006,
    partials: [
      { ratio: 1, amp: 1, decay: 0.06 },
      { ratio: 3.93, amp: 0.16, decay: 0.009 }, // marimba bars are tuned to roughly the 4th harmonic
      { ratio: 9.1, amp: 0.03, decay: 0.004 },
      { ratio: 0.5, amp: 0.12, decay: 0.03 }, // a hint of resonator / table knock
    ],
  });
  // Felt mallet contact: a very short, dark noise puff.
  const mN = sec(0.008);
  const mallet = svf(noise(mN, 21), 'lp', 1800);
  for (let i = 0; i < mN; i++) mallet[i] *= Math.sin((Math.PI * i) / mN);
  mixInto(out, mallet, 0, 0.2);
  return fade(saturate(out, 1.3), 0.001, 0.05);
}

/** Soft mallet-bell partials used by the confirmation. */
const softBell = (decay) => [
  { ratio: 1, amp: 1, decay },
  { ratio: 2, amp: 0.18, decay: decay * 0.4 },
  { ratio: 3, amp: 0.06, decay: decay * 0.2 },
];

/** vote-done: a gentle two-note confirmation (G5 -> C6, "sol-do"). */
function voteDone() {
  const n = sec(0.35);
  const out = new Float64Array(n);
  mixInto(out, strike(n, mtof(79), { attack: 0.003, partials: softBell(0.09) }), 0, 0.75);
  const second = sec(0.1);
  mixInto(out, strike(n - second, mtof(84), { attack: 0.003, partials: softBell(0.11) }), second, 1);
  return fade(out, 0.002, 0.08);
}

/** Tuned-bell partials: bright at the strike, mellow as it rings. */
const chime = (decay) => [
  { ratio: 1, amp: 1, decay },
  { ratio: 2, amp: 0.32, decay: decay * 0.55 },
  { ratio: 3.0, amp: 0.14, decay: decay * 0.3 },
  { ratio: 4.16, amp: 0.07, decay: decay * 0.18 },
  { ratio: 5.43, amp: 0.035, decay: decay * 0.12 },
];

/** timer-end: a friendly "ding-dong" (E5 -> C5) chime that carries across a room. */
function timerEnd() {
  const n = sec(1.2);
  const out = new Float64Array(n);
  const opts = (decay) => ({ attack: 0.004, partials: chime(decay), beat: 0.0035, beatAmp: 0.25 });
  mixInto(out, strike(n, mtof(76), opts(0.45)), 0, 0.9);
  const dong = sec(0.34);
  mixInto(out, strike(n - dong, mtof(72), opts(0.55)), dong, 1);
  return fade(out, 0.003, 0.3);
}

/** reveal: a warm rising arpeggio (G4 C5 E5 G5 C6) over a soft low pad. */
function reveal() {
  const n = sec(1.6);
  const out = new Float64Array(n);
  const notes = [67, 72, 76, 79, 84];
  notes.forEach((m, k) => {
    const at = sec(0.115 * k);
    const last = k === notes.length - 1;
    const note = fmNote(n - at, mtof(m), { decay: last ? 0.55 : 0.45, index: last ? 1.0 : 1.3 });
    mixInto(out, note, at, last ? 0.8 : 0.55 + 0.03 * k);
  });
  // Warm pad (C4 + G4, slow swell) that holds the chord together.
  const padAt = sec(0.42);
  const padN = n - padAt;
  const pad = new Float64Array(padN);
  for (let i = 0; i < padN; i++) {
    const t = i / SR;
    const env = smoothstep(t / 0.12) * Math.exp(-t / 0.6);
    pad[i] = env * (Math.sin(TAU * mtof(60) * t) + 0.5 * Math.sin(TAU * mtof(67) * t) + 0.15 * Math.sin(TAU * mtof(72) * 1.002 * t));
  }
  mixInto(out, pad, padAt, 0.18);
  return fade(out, 0.003, 0.4);
}

/** twist: a playful upward "whoop" with a little sparkle on top. */
function twist() {
  const n = sec(0.5);
  const out = new Float64Array(n);
  // Whoop: an ocarina-like glide from E4 up two octaves.
  const f0 = mtof(64);
  const f1 = mtof(88);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / SR;
    const glide = smoothstep(t / 0.26);
    const vib = 1 + 0.012 * Math.sin(TAU * 7 * t) * smoothstep(t / 0.1);
    const f = f0 * (f1 / f0) ** glide * vib;
    const env = smoothstep(t / 0.05) * (t < 0.12 ? 1 : Math.exp(-(t - 0.12) / 0.08));
    out[i] = 0.6 * env * (Math.sin(phase) + 0.22 * Math.sin(2 * phase) + 0.06 * Math.sin(3 * phase));
    phase += (TAU * f) / SR;
  }
  // Sparkle: rising glockenspiel pings from the C major pentatonic.
  const pings = [
    [0.17, 88, 0.5], // E6
    [0.225, 91, 0.45], // G6
    [0.275, 93, 0.42], // A6
    [0.32, 96, 0.38], // C7
    [0.37, 100, 0.3], // E7
  ];
  for (const [t, m, a] of pings) {
    const at = sec(t);
    const ping = strike(n - at, mtof(m), {
      attack: 0.002,
      partials: [
        { ratio: 1, amp: 1, decay: 0.06 },
        { ratio: 2.76, amp: 0.15, decay: 0.02 },
      ],
    });
    mixInto(out, ping, at, a);
  }
  return fade(out, 0.004, 0.08);
}

/** tap: a subtle, soft UI click. */
function tap() {
  const n = sec(0.06);
  const out = strike(n, 1400, {
    attack: 0.0006,
    glide: 0.15,
    glideTime: 0.004,
    partials: [
      { ratio: 1, amp: 1, decay: 0.01 },
      { ratio: 0.5, amp: 0.45, decay: 0.016 },
    ],
  });
  const cN = sec(0.003);
  const click = svf(noise(cN, 71), 'lp', 3500);
  for (let i = 0; i < cN; i++) click[i] *= Math.sin((Math.PI * i) / cN);
  mixInto(out, click, 0, 0.15);
  return fade(saturate(out, 1.8), 0.0008, 0.02);
}

// Order in the sprite, and per-cue loudness offset (dB vs TARGET_LOUDNESS).
// The offsets were tuned against ffmpeg's ebur128 momentary loudness: the
// long, sustained reveal and the twist glide sound louder than their loudest
// 200 ms suggest, so they sit a little lower.
const CUES = [
  { name: 'flip', make: flip, offset: 0 },
  { name: 'drop', make: drop, offset: 0 },
  { name: 'vote-done', make: voteDone, offset: 0 },
  { name: 'timer-end', make: timerEnd, offset: 0 },
  { name: 'reveal', make: reveal, offset: -1.5 },
  { name: 'twist', make: twist, offset: -1 },
  { name: 'tap', make: tap, offset: -4 }, // a UI click should stay in the background
];

// ---------------------------------------------------------------- levels

function biquad(x, [b0, b1, b2, a0, a1, a2]) {
  const y = new Float64Array(x.length);
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = (b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
    x2 = x1;
    x1 = x[i];
    y2 = y1;
    y1 = v;
    y[i] = v;
  }
  return y;
}

/** ITU-R BS.1770 K-weighting (high shelf + high pass), designed for SR. */
function kWeight(x) {
  let w = (TAU * 1500) / SR;
  const A = 10 ** (4 / 40);
  let alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const c = Math.cos(w);
  const sA = 2 * Math.sqrt(A) * alpha;
  const shelf = [
    A * (A + 1 + (A - 1) * c + sA),
    -2 * A * (A - 1 + (A + 1) * c),
    A * (A + 1 + (A - 1) * c - sA),
    A + 1 - (A - 1) * c + sA,
    2 * (A - 1 - (A + 1) * c),
    A + 1 - (A - 1) * c - sA,
  ];
  w = (TAU * 38) / SR;
  alpha = Math.sin(w) / (2 * 0.5);
  const c2 = Math.cos(w);
  const hp = [(1 + c2) / 2, -(1 + c2), (1 + c2) / 2, 1 + alpha, -2 * c2, 1 - alpha];
  return biquad(biquad(x, shelf), hp);
}

/**
 * Perceived level of a short cue: K-weighted energy of its loudest 200 ms
 * (short cues are measured over a 200 ms window too, since the ear
 * integrates roughly that long, so a 60 ms click counts as quieter).
 */
function loudness(x) {
  const k = kWeight(x);
  const win = sec(0.2);
  const hop = sec(0.005);
  let best = 0;
  for (let s = 0; s === 0 || s + win <= k.length; s += hop) {
    let e = 0;
    for (let i = s; i < Math.min(s + win, k.length); i++) e += k[i] * k[i];
    best = Math.max(best, e / win);
  }
  return -0.691 + 10 * Math.log10(Math.max(best, 1e-20));
}

const peakOf = (x) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const rmsOf = (x) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

// ---------------------------------------------------------------- sprite

function buildSprite() {
  const gapN = sec(GAP_MS / 1000);
  const parts = [];
  const sprite = {};
  const report = [];
  let cursorMs = 0;
  for (const cue of CUES) {
    const raw = cue.make();
    const peak = peakOf(raw);
    // Gain that reaches the loudness target, but never past the peak ceiling.
    const toTarget = dbToGain(TARGET_LOUDNESS + cue.offset - loudness(raw));
    const toCeiling = dbToGain(PEAK_DBFS) / peak;
    const gain = Math.min(toTarget, toCeiling);
    const x = raw.map((v) => v * gain);
    // Pad to a whole number of 10 ms so every offset is an exact sample and an exact ms.
    const durMs = Math.ceil((x.length / SR) * 100) * 10;
    const padded = new Float64Array(sec(durMs / 1000));
    padded.set(x);
    parts.push(padded, new Float64Array(gapN));
    sprite[cue.name] = [cursorMs, durMs];
    report.push({
      cue: cue.name,
      start: cursorMs,
      ms: durMs,
      peakDb: +gainToDb(peakOf(x)).toFixed(1),
      rmsDb: +gainToDb(rmsOf(x)).toFixed(1),
      loud: +loudness(x).toFixed(1),
      loudAtCeiling: +(loudness(raw) + gainToDb(toCeiling)).toFixed(1),
      limitedBy: toTarget < toCeiling ? 'loudness' : 'peak',
    });
    cursorMs += durMs + GAP_MS;
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const pcm = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    pcm.set(p, at);
    at += p.length;
  }
  return { pcm, sprite, report };
}

function wavBytes(pcm) {
  const data = Buffer.alloc(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) {
    const v = Math.max(-1, Math.min(1, pcm[i]));
    data.writeInt16LE(Math.round(v * 32767), i * 2);
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(SR, 24);
  h.writeUInt32LE(SR * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

function ffmpeg(args) {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'inherit' });
  if (r.error) {
    throw new Error(`could not run ffmpeg (${r.error.code ?? r.error.message}); install it, e.g. apt-get install ffmpeg`);
  }
  if (r.status !== 0) throw new Error(`ffmpeg exited with status ${r.status}`);
}

function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  const { pcm, sprite, report } = buildSprite();
  const wav = join(OUT_DIR, 'sfx.wav');
  const mp3 = join(OUT_DIR, 'sfx.mp3');
  const json = join(OUT_DIR, 'sfx.json');
  writeFileSync(wav, wavBytes(pcm));
  try {
    // Short sound effects keep their character at these rates; the game's download stays small.
    const common = ['-i', wav, '-map_metadata', '-1', '-ac', '1'];
    ffmpeg([...common, '-c:a', 'libmp3lame', '-b:a', '40k', '-ar', String(SR), '-fflags', '+bitexact', mp3]);
  } finally {
    if (!KEEP_WAV) rmSync(wav, { force: true });
  }
  writeFileSync(json, `${JSON.stringify({ sprite }, null, 2)}\n`);

  console.table(report);
  for (const f of [mp3, json]) console.log(`${f.slice(ROOT.length + 1)}  ${statSync(f).size} bytes`);
  if (KEEP_WAV) console.log(`kept ${wav.slice(ROOT.length + 1)}`);
}

try {
  main();
} catch (err) {
  console.error(`make-sounds: ${err.message}`);
  process.exit(1);
}
