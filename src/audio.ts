/**
 * Sound cues through Howler alone. Nothing plays before the first touch or key press (browsers block it, and
 * a TV should not start beeping on its own), so Howler and the sprite are not even fetched before then: the
 * start screen loads and parses nothing it cannot use. Mute is saved.
 */
import type { Howl } from 'howler';
import mp3Url from '../assets/audio/sfx.mp3?url';

export type SoundName = 'flip' | 'drop' | 'vote-done' | 'timer-end' | 'reveal' | 'twist' | 'tap';

let howl: Howl | null = null;
let loading: Promise<void> | null = null;
let muted = false;
let gestureSeen = false;

/** Loads Howler and the sprite once, after the first gesture. */
function load(): Promise<void> {
  loading ??= Promise.all([import('howler'), import('../assets/audio/sfx.json')]).then(([{ Howl }, sprite]) => {
    howl = new Howl({
      // One format every browser plays (Safari and older iPads lack Opus in WebM): one file to fetch and cache.
      src: [mp3Url],
      sprite: sprite.default.sprite as unknown as Record<string, [number, number]>,
      preload: true,
      volume: 0.8,
      mute: muted,
    });
  });
  return loading;
}

export function initSound(startMuted: boolean): void {
  muted = startMuted;
  if (gestureSeen) return;
  const onGesture = (): void => {
    window.removeEventListener('pointerdown', onGesture, true);
    window.removeEventListener('keydown', onGesture, true);
    gestureSeen = true;
    void load().catch(() => {
      loading = null;
    });
  };
  window.addEventListener('pointerdown', onGesture, { capture: true });
  window.addEventListener('keydown', onGesture, { capture: true });
}

export function play(name: SoundName): void {
  if (!howl || muted || !gestureSeen) return;
  howl.play(name);
}

export function setMuted(value: boolean): void {
  muted = value;
  howl?.mute(value);
}

export const isMuted = (): boolean => muted;
