/**
 * Stands in for phaser/src/math/easing/EaseMap.js, the tween eases by name (bounce, elastic, expo, stepped, …).
 * The table's tweens name only the eases below; an ease a tween names that is not here would fall back to linear,
 * so tests/unit/phaserEntry.test.ts fails when a scene names one that is not here.
 */
var Linear = require('phaser-src/math/easing/linear/Linear.js');
var QuadIn = require('phaser-src/math/easing/quadratic/In.js');
var QuadOut = require('phaser-src/math/easing/quadratic/Out.js');
var QuadInOut = require('phaser-src/math/easing/quadratic/InOut.js');
var CubicIn = require('phaser-src/math/easing/cubic/In.js');
var CubicOut = require('phaser-src/math/easing/cubic/Out.js');
var CubicInOut = require('phaser-src/math/easing/cubic/InOut.js');
var SineIn = require('phaser-src/math/easing/sine/In.js');
var SineOut = require('phaser-src/math/easing/sine/Out.js');
var SineInOut = require('phaser-src/math/easing/sine/InOut.js');
var BackIn = require('phaser-src/math/easing/back/In.js');
var BackOut = require('phaser-src/math/easing/back/Out.js');
var BackInOut = require('phaser-src/math/easing/back/InOut.js');

module.exports = {
  Power0: Linear,
  Power1: QuadOut,
  Power2: CubicOut,
  Linear: Linear,
  Quad: QuadOut,
  Cubic: CubicOut,
  Sine: SineOut,
  Back: BackOut,
  'Quad.easeIn': QuadIn,
  'Cubic.easeIn': CubicIn,
  'Sine.easeIn': SineIn,
  'Back.easeIn': BackIn,
  'Quad.easeOut': QuadOut,
  'Cubic.easeOut': CubicOut,
  'Sine.easeOut': SineOut,
  'Back.easeOut': BackOut,
  'Quad.easeInOut': QuadInOut,
  'Cubic.easeInOut': CubicInOut,
  'Sine.easeInOut': SineInOut,
  'Back.easeInOut': BackInOut,
};
