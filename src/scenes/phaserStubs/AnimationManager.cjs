/**
 * Stands in for phaser/src/animations/AnimationManager.js. The table has no sprites and no frame animations: it
 * draws Graphics, Text and Arc shapes and moves them with tweens only; no scene calls `this.anims`. Game still
 * makes `game.anims` (a global plugin every scene gets), so this keeps the shape of an empty manager.
 */
var EventEmitter = require('eventemitter3');

function AnimationManager(game) {
  EventEmitter.call(this);
  this.game = game;
  this.anims = null;
  this.paused = false;
}

AnimationManager.prototype = Object.create(EventEmitter.prototype);
AnimationManager.prototype.constructor = AnimationManager;
AnimationManager.prototype.exists = function () { return false; };
AnimationManager.prototype.get = function () { return undefined; };
AnimationManager.prototype.pauseAll = function () { return this; };
AnimationManager.prototype.resumeAll = function () { return this; };
AnimationManager.prototype.destroy = function () {
  this.removeAllListeners();
  this.game = null;
};

module.exports = AnimationManager;
