/**
 * Stands in for phaser/src/gameobjects/tilesprite/TileSprite.js. TextureManager makes one hidden TileSprite when a
 * scene starts, only for drawing repeated textures into a DynamicTexture, which the table never uses (see
 * DynamicTexture.cjs). It is never added to a scene or drawn; this keeps the two calls made on it.
 */
function TileSprite() {}

TileSprite.prototype.setOrigin = function () { return this; };
TileSprite.prototype.destroy = function () {};

module.exports = TileSprite;
