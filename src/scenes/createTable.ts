/** Boots Phaser into the stage element and returns the table as a `TableView`. Loaded lazily. */
import Phaser from 'phaser';
import { TableScene } from './TableScene.ts';
import { WORLD, COLORS } from './palette.ts';
import type { TableView } from '../game/table.ts';

export function createTable(parent: HTMLElement): Promise<TableView> {
  return new Promise((resolve) => {
    const scene = new TableScene();
    const game = new Phaser.Game({
      // Canvas by default: a flat table of cards and text needs no WebGL, and on tablets without a good GPU
      // (and in software rendering) Canvas keeps 60 fps where WebGL drops to ~12. `?renderer=webgl` opts in.
      type: new URLSearchParams(window.location.search).get('renderer') === 'webgl' ? Phaser.WEBGL : Phaser.CANVAS,
      parent,
      backgroundColor: COLORS.table,
      // Howler alone handles audio; Phaser must not open its own AudioContext.
      audio: { noAudio: true },
      banner: false,
      scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH, width: WORLD.width, height: WORLD.height },
      input: { keyboard: false },
      scene,
      callbacks: {
        postBoot: () =>
          resolve({
            render: (view, lang, labels) => scene.show(view, lang, labels),
            cue: (type) => scene.cue(type),
            destroy: () => game.destroy(true),
          }),
      },
    });
  });
}
