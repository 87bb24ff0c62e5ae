/**
 * Stands in for phaser/src/tweens/tween/TweenChain.js. The table plays single tweens and counters
 * (`tweens.add`, `tweens.addCounter`) and never a chain (`tweens.chain`, or `tweens.add` with a `tweens` list).
 * TweenManager asks `instanceof TweenChain`, which is false for every tween, as with this empty class.
 */
function TweenChain() {
  throw new Error('Tween chains are not in Ruimte\'s trimmed Phaser (src/scenes/phaserStubs/TweenChain.cjs)');
}

module.exports = TweenChain;
