/**
 * Stands in for phaser/src/textures/DynamicTexture.js (render textures, which also pull in WebGL drawing
 * contexts). TextureManager only makes one in `addDynamicTexture()`, which the table never calls: it has no
 * RenderTexture and draws straight to the game canvas.
 */
function DynamicTexture() {
  throw new Error('DynamicTexture is not in Ruimte\'s trimmed Phaser (src/scenes/phaserStubs/DynamicTexture.cjs)');
}

module.exports = DynamicTexture;
