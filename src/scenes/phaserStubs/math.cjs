/**
 * Stands in for phaser/src/math/index.js, the whole `Phaser.Math` namespace (matrices, quaternions, noise, easing
 * tables, …). Only two modules in the table's Phaser require the namespace: Config, which seeds `Math.RND`, and
 * GetAdvancedValue (tween values like `{ randInt: [a, b] }`), which reads `Math.RND`. Every other module requires
 * the single math files it uses, and `Phaser.Math` is not in src/scenes/phaserEntry.ts.
 */
module.exports = {
  RandomDataGenerator: require('phaser-src/math/random-data-generator/RandomDataGenerator.js'),
  RND: null,
};
