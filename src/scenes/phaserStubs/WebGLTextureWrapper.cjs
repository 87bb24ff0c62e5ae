/**
 * Stands in for phaser/src/renderer/webgl/wrappers/WebGLTextureWrapper.js. The table draws with Canvas (no WebGL
 * renderer in the build); TextureSource only asks `source instanceof WebGLTextureWrapper`, which is false for
 * every image and canvas, as with this empty class.
 */
function WebGLTextureWrapper() {
  throw new Error('WebGL is not in Ruimte\'s trimmed Phaser (src/scenes/phaserStubs/WebGLTextureWrapper.cjs)');
}

module.exports = WebGLTextureWrapper;
