/**
 * Stands in for phaser/src/device/Video.js, which probes the browser's video formats when the game boots. Only
 * Phaser's Video game object and its loader read `game.device.video`, and neither is in the table's build. The
 * answers stay at their defaults.
 */
module.exports = {
  h264: false,
  hls: false,
  mov: false,
  mp4: false,
  m4v: false,
  ogg: false,
  vp9: false,
  webm: false,
  hasRequestVideoFrame: false,
};
