/** Phaser's CommonJS sources, imported one by one by phaserEntry.ts; their public types are Phaser's d.ts. */
declare module 'phaser-src/*' {
  const value: any;
  export default value;
}
