/**
 * Sound cues through Howler alone, loaded lazily behind the start screen. Nothing plays before the first
 * touch or key press (browsers block it, and a TV should not start beeping on its own); mute is saved.
 */
import type { Howl } from 'howler';
import webmUrl from '../assets/audio/sfx.webm?url';
import mp3Url from '../assets/audio/sfx.mp3?url';

export type SoundName = 'flip' | 'drop' | 'vote-done' | 'timer-end' | 'reveal' | 'twist' | 'tap';

let howl: Howl | null = null;
let muted = false;
let gestureSeen = false;

export async function initSound(startMuted: boolean): Promise<void> {
  muted = startMuted;
  const markGesture = () => (gestureSeen = true);
  window.addEventListener('pointerdown', markGesture, { once: true, capture: true });
  window.addEventListener('keydown', markGesture, { once: true, capture: true });
  const [{ Howl }, sprite] = await Promise.all([import('howler'), import('../assets/audio/sfx.json')]);
  howl = new Howl({
    src: [webmUrl, mp3Url],
    sprite: sprite.default.sprite as unknown as Record<string, [number, number]>,
    preload: true,
    volume: 0.8,
  });
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
