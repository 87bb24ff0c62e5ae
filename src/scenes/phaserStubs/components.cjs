/**
 * Stands in for phaser/src/gameobjects/components/index.js, every game object component. The table's game objects
 * (Container, Graphics, Text, Arc, and the Image that TextureManager keeps) and its camera use the components
 * below; path following, elapse timers, stencils and the Texture component belong to game objects the table does
 * not have. tests/unit/phaserEntry.test.ts fails when a module in the build reads a component that is not here.
 */
module.exports = {
  Alpha: require('phaser-src/gameobjects/components/Alpha.js'),
  AlphaSingle: require('phaser-src/gameobjects/components/AlphaSingle.js'),
  BlendMode: require('phaser-src/gameobjects/components/BlendMode.js'),
  ComputedSize: require('phaser-src/gameobjects/components/ComputedSize.js'),
  Crop: require('phaser-src/gameobjects/components/Crop.js'),
  Depth: require('phaser-src/gameobjects/components/Depth.js'),
  FilterList: require('phaser-src/gameobjects/components/FilterList.js'),
  Filters: require('phaser-src/gameobjects/components/Filters.js'),
  Flip: require('phaser-src/gameobjects/components/Flip.js'),
  GetBounds: require('phaser-src/gameobjects/components/GetBounds.js'),
  Lighting: require('phaser-src/gameobjects/components/Lighting.js'),
  Mask: require('phaser-src/gameobjects/components/Mask.js'),
  Origin: require('phaser-src/gameobjects/components/Origin.js'),
  RenderNodes: require('phaser-src/gameobjects/components/RenderNodes.js'),
  RenderSteps: require('phaser-src/gameobjects/components/RenderSteps.js'),
  ScrollFactor: require('phaser-src/gameobjects/components/ScrollFactor.js'),
  Size: require('phaser-src/gameobjects/components/Size.js'),
  TextureCrop: require('phaser-src/gameobjects/components/TextureCrop.js'),
  Tint: require('phaser-src/gameobjects/components/Tint.js'),
  ToJSON: require('phaser-src/gameobjects/components/ToJSON.js'),
  Transform: require('phaser-src/gameobjects/components/Transform.js'),
  TransformMatrix: require('phaser-src/gameobjects/components/TransformMatrix.js'),
  Visible: require('phaser-src/gameobjects/components/Visible.js'),
};
