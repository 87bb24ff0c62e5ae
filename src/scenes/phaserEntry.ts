/**
 * The Phaser the table needs, and nothing else: built from Phaser's own sources (`phaser/src/...`, through
 * the `phaser-src` alias in vite.config.ts) instead of the full bundle with physics, tilemaps, loaders,
 * sound and the WebGL renderer. `import Phaser from 'phaser'` in src/scenes resolves here in the build; the
 * types still come from Phaser's d.ts. A test (tests/unit/phaserEntry.test.ts) fails when a scene uses a
 * `Phaser.X`, a `this.add.x` factory or a scene plugin (`this.tweens`, …) that this entry does not hold.
 */
import CONST from 'phaser-src/const.js';
import Game from 'phaser-src/core/Game.js';
import Scene from 'phaser-src/scene/Scene.js';
import SceneEvents from 'phaser-src/scene/events/index.js';
import Scale from 'phaser-src/scale/index.js';
import GameObject from 'phaser-src/gameobjects/GameObject.js';
import Container from 'phaser-src/gameobjects/container/Container.js';
import Graphics from 'phaser-src/gameobjects/graphics/Graphics.js';
import Text from 'phaser-src/gameobjects/text/Text.js';
import Image from 'phaser-src/gameobjects/image/Image.js';
import Arc from 'phaser-src/gameobjects/shape/arc/Arc.js';
// Scene plugins: each module registers itself with Phaser's plugin cache when imported.
import 'phaser-src/events/EventEmitter.js';
import 'phaser-src/cameras/2d/CameraManager.js';
import 'phaser-src/gameobjects/GameObjectCreator.js';
import 'phaser-src/gameobjects/GameObjectFactory.js';
import 'phaser-src/gameobjects/DisplayList.js';
import 'phaser-src/gameobjects/UpdateList.js';
import 'phaser-src/scene/ScenePlugin.js';
import 'phaser-src/tweens/TweenManager.js';
// Game object factories (`this.add.x`): each registers itself with the factory when imported.
import 'phaser-src/gameobjects/container/ContainerFactory.js';
import 'phaser-src/gameobjects/graphics/GraphicsFactory.js';
import 'phaser-src/gameobjects/text/TextFactory.js';
import 'phaser-src/gameobjects/image/ImageFactory.js';
import 'phaser-src/gameobjects/shape/arc/ArcFactory.js';

const Phaser = {
  AUTO: CONST.AUTO,
  CANVAS: CONST.CANVAS,
  WEBGL: CONST.WEBGL,
  Game,
  Scene,
  Scenes: { Events: SceneEvents },
  Scale,
  GameObjects: { GameObject, Container, Graphics, Text, Image, Arc },
};

export default Phaser;
