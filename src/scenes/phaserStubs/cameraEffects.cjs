/**
 * Stands in for phaser/src/cameras/2d/effects/index.js (fade, flash, pan, shake, rotate-to, zoom). The table
 * never moves or tints its camera: no scene calls `cameras.main.fade()`, `.flash()`, `.shake()`, `.pan()`,
 * `.zoomTo()` or `.rotateTo()`. Camera still makes one of each and calls update/reset/preRender/postRenderCanvas
 * every frame, so each is an effect that never runs.
 */
function NoEffect(camera) {
  this.camera = camera;
  this.isRunning = false;
  this.isComplete = false;
  this.progress = 0;
}

NoEffect.prototype.start = function () {
  throw new Error('Camera effects are not in Ruimte\'s trimmed Phaser (src/scenes/phaserStubs/cameraEffects.cjs)');
};
NoEffect.prototype.update = function () {};
NoEffect.prototype.preRender = function () {};
NoEffect.prototype.postRenderCanvas = function () { return false; };
NoEffect.prototype.postRenderWebGL = function () { return false; };
NoEffect.prototype.effectComplete = function () {};
NoEffect.prototype.reset = function () { this.isRunning = false; this.isComplete = false; };
NoEffect.prototype.destroy = function () { this.camera = null; };

module.exports = {
  Fade: NoEffect,
  Flash: NoEffect,
  Pan: NoEffect,
  Shake: NoEffect,
  RotateTo: NoEffect,
  Zoom: NoEffect,
};
