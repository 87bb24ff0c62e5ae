/** The table's colours and type, gathered so the canvas and CSS tell one visual story. */
export const COLORS = {
  table: 0xf5ecd9,
  tableEdge: 0xe6d5b3,
  teal: 0x1f7a70,
  tealDark: 0x165a53,
  deep: 0x264653,
  sand: 0xf2d7a6,
  coral: 0xe07a5f,
  sun: 0xf4a261,
  leaf: 0x6a994e,
  cream: 0xfdf6ec,
  grey: 0xb9b1a3,
  note: 0xfff3c4,
  noteHidden: 0xe8e2d6,
  dot: 0xe07a5f,
} as const;

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, Cantarell, "Helvetica Neue", Arial, sans-serif';

/** A table colour (0xrrggbb, as Phaser takes it) as CSS, for what is painted beside Phaser on a 2D canvas or an element. */
export const cssColor = (color: number, alpha = 1): string => `rgba(${(color >>> 16) & 0xff},${(color >>> 8) & 0xff},${color & 0xff},${alpha})`;

export const LEVEL_COLORS: Record<string, number> = { individual: 0x1f7a70, team: 0x6a994e, manager: 0x264653, organisation: 0xb5523b };
