/**
 * Stands in for phaser/src/input/InputManager.js. The table takes no input on its canvas: every control is DOM
 * (src/ui), and no scene calls `this.input` or makes a game object interactive. So no mouse, touch or keyboard
 * listeners on the canvas, no pointers, no hit tests. bootTable.ts turns mouse, touch and keyboard off in the
 * game config too, so the real manager would do no more than this one; styles.css keeps gestures on the canvas
 * from zooming or scrolling the page (`touch-action: none`), as Phaser's touch capture did.
 */
function InputManager(game) {
  this.game = game;
  this.enabled = false;
  this.pointers = [];
  this.pointersTotal = 0;
  this.mousePointer = null;
  this.activePointer = null;
  this.keyboard = null;
  this.mouse = null;
  this.touch = null;
}

InputManager.prototype.setDefaultCursor = function () {};
InputManager.prototype.setCursor = function () {};
InputManager.prototype.resetCursor = function () {};
InputManager.prototype.destroy = function () {
  this.game = null;
};

module.exports = InputManager;
