/** Boots Phaser into the stage element and returns the table as a `TableView`. Loaded by createTable.ts when a game starts. */
import Phaser from 'phaser';
import { TableScene } from './TableScene.ts';
import type { TableHooks, TableView } from '../game/table.ts';

export function bootTable(parent: HTMLElement, hooks: TableHooks = {}): Promise<TableView> {
  return new Promise((resolve) => {
    const scene = new TableScene(hooks);
    const game = new Phaser.Game({
      // Canvas: a flat table of cards and text needs no WebGL, and on tablets without a good GPU (and in
      // software rendering) Canvas keeps 60 fps where WebGL dropped to ~12. The trimmed Phaser has no WebGL.
      type: Phaser.CANVAS,
      parent,
      // Transparent: the table top under it is CSS (styles.css, .stage::before), so a frame only clears the
      // canvas and draws what is on the table, not the whole table again.
      transparent: true,
      // Howler alone handles audio; Phaser must not open its own AudioContext.
      audio: { noAudio: true },
      banner: false,
      // The canvas is the stage's real size in CSS pixels: the layout (layout.ts) is made for it, not scaled.
      scale: { mode: Phaser.Scale.RESIZE, width: Math.max(1, parent.clientWidth), height: Math.max(1, parent.clientHeight) },
      // Every control is DOM: the canvas listens to no mouse, touch or keyboard (the trimmed Phaser has no input).
      input: { keyboard: false, mouse: false, touch: false, gamepad: false },
      scene,
      callbacks: {
        postBoot: () =>
          resolve({
            render: (view, lang, labels) => scene.show(view, lang, labels),
            cue: (type) => scene.cue(type),
            destroy: () => {
              delete parent.dataset.minTextPx;
              scene.dispose();
              game.destroy(true);
            },
          }),
      },
    });
  });
}
