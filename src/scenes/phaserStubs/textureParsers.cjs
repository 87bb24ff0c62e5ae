/**
 * Stands in for phaser/src/textures/parsers/index.js. Phaser's loader is not in the table and it loads no atlas,
 * sprite sheet, compressed (KTX/PVR) or PCT texture: the only textures are Phaser's own default images (parsed
 * as Image) and canvases (of Text objects and of the notes' pictures, notePicture.ts). The other parsers throw, so a texture kind that is not here fails
 * loudly instead of drawing nothing.
 */
function missing(name) {
  return function () {
    throw new Error('Texture parser ' + name + ' is not in Ruimte\'s trimmed Phaser (src/scenes/phaserStubs/textureParsers.cjs)');
  };
}

module.exports = {
  Canvas: require('phaser-src/textures/parsers/Canvas.js'),
  Image: require('phaser-src/textures/parsers/Image.js'),
  AtlasXML: missing('AtlasXML'),
  JSONArray: missing('JSONArray'),
  JSONHash: missing('JSONHash'),
  KTXParser: missing('KTXParser'),
  PCT: missing('PCT'),
  PCTDecode: missing('PCTDecode'),
  PVRParser: missing('PVRParser'),
  SpriteSheet: missing('SpriteSheet'),
  SpriteSheetFromAtlas: missing('SpriteSheetFromAtlas'),
  UnityYAML: missing('UnityYAML'),
};
