/**
 * Stands in for phaser/src/core/DebugHeader.js, which prints Phaser's banner in the console. bootTable.ts sets
 * `banner: false`, so the real one prints nothing either.
 */
module.exports = function DebugHeader() {};
