/**
 * Stands in for phaser/src/gameobjects/layer/Layer.js. Container only checks `child instanceof Layer` to refuse a
 * Layer as a child; the table makes no Layer (no `this.add.layer`), so the check is always false, as with this
 * empty class.
 */
function Layer() {
  throw new Error('Layer is not in Ruimte\'s trimmed Phaser (src/scenes/phaserStubs/Layer.cjs)');
}

module.exports = Layer;
