/**
 * Stands in for phaser/src/tweens/builders/TweenChainBuilder.js. The table never builds a tween chain (see
 * TweenChain.cjs), so this only says so if one is asked for.
 */
module.exports = function TweenChainBuilder() {
  throw new Error('Tween chains are not in Ruimte\'s trimmed Phaser (src/scenes/phaserStubs/TweenChainBuilder.cjs)');
};
