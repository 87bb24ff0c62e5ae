/**
 * Stands in for phaser/src/utils/array/index.js, the `Phaser.Utils.Array` namespace (matrix helpers, ranges,
 * rotations, quick-select, …). In the table's Phaser only Container, List and the Depth component require the
 * namespace, and they use the functions below; `Phaser.Utils` is not in src/scenes/phaserEntry.ts.
 * tests/unit/phaserEntry.test.ts fails when a module in the build reads a function that is not here.
 */
module.exports = {
  Add: require('phaser-src/utils/array/Add.js'),
  AddAt: require('phaser-src/utils/array/AddAt.js'),
  BringToTop: require('phaser-src/utils/array/BringToTop.js'),
  CountAllMatching: require('phaser-src/utils/array/CountAllMatching.js'),
  GetAll: require('phaser-src/utils/array/GetAll.js'),
  GetFirst: require('phaser-src/utils/array/GetFirst.js'),
  GetRandom: require('phaser-src/utils/array/GetRandom.js'),
  MoveAbove: require('phaser-src/utils/array/MoveAbove.js'),
  MoveBelow: require('phaser-src/utils/array/MoveBelow.js'),
  MoveDown: require('phaser-src/utils/array/MoveDown.js'),
  MoveTo: require('phaser-src/utils/array/MoveTo.js'),
  MoveUp: require('phaser-src/utils/array/MoveUp.js'),
  Remove: require('phaser-src/utils/array/Remove.js'),
  RemoveAt: require('phaser-src/utils/array/RemoveAt.js'),
  RemoveBetween: require('phaser-src/utils/array/RemoveBetween.js'),
  Replace: require('phaser-src/utils/array/Replace.js'),
  SendToBack: require('phaser-src/utils/array/SendToBack.js'),
  SetAll: require('phaser-src/utils/array/SetAll.js'),
  Shuffle: require('phaser-src/utils/array/Shuffle.js'),
  StableSort: require('phaser-src/utils/array/StableSort.js'),
  Swap: require('phaser-src/utils/array/Swap.js'),
};
