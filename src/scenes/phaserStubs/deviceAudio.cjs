/**
 * Stands in for phaser/src/device/Audio.js, which probes the browser's audio formats when the game boots. Only
 * Phaser's sound managers, its loader and the console banner read `game.device.audio`, and none is in the table's
 * build (Howler plays every sound, elsewhere; the banner is off). The answers stay at their defaults.
 */
module.exports = {
  flac: false,
  aac: false,
  audioData: false,
  dolby: false,
  m4a: false,
  mp3: false,
  ogg: false,
  opus: false,
  wav: false,
  webAudio: false,
  webm: false,
};
