/**
 * Stands in for phaser/src/geom/polygon/Earcut.js. Arc triangulates its outline into `pathIndexes`, which only the
 * WebGL renderer reads (FillPathWebGL); the Canvas renderer fills `pathData` directly, so the triangles are never
 * used. The table draws with Canvas only.
 */
module.exports = function Earcut() {
  return [];
};
