/**
 * The step's clock on a small canvas of its own, laid over the table's top right corner. It changes once a
 * second: drawn on the table's canvas, every tick would draw the whole table again (every note, the card)
 * for one ring and four digits; on a tablet that cost a frame or two each second. Painted here with the same
 * canvas calls Phaser's Graphics makes (ctx.arc, fill, stroke), its label the canvas of a Phaser Text kept
 * off the table's display list (so the stage still measures its text, measure.ts).
 */
import { cssColor } from './palette.ts';

/** What the clock shows, in the table's game pixels. */
export interface ClockFace {
  readonly x: number;
  readonly y: number;
  readonly r: number;
  /** 0..1 of the step's time left; 0 is over. */
  readonly fraction: number;
  /** The label, already set (its canvas is drawn centred on x, y). */
  readonly label: { readonly canvas: HTMLCanvasElement; readonly width: number; readonly height: number };
}

/** How the table's canvas sits in the stage: CSS pixels per game pixel and its offset (CSS pixels). */
export interface Place {
  readonly ratio: number;
  readonly left: number;
  readonly top: number;
}


export interface ClockColors {
  readonly face: number;
  readonly track: number;
  readonly time: number;
  readonly late: number;
}

export class StageClock {
  private el: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private box = '';

  constructor(
    private readonly table: HTMLCanvasElement,
    private readonly colors: ClockColors,
  ) {}

  /** No clock now (a step without a timer). */
  hide(): void {
    if (this.el) this.el.style.display = 'none';
  }

  paint(face: ClockFace, place: Place): void {
    const stage = this.table.parentElement;
    if (!stage) return;
    const { x, y, r, fraction, label } = face;
    const stroke = Math.max(6, r * 0.2);
    // Whole game pixels around the ring (and the label, should it be wider), a pixel more for antialiasing:
    // at a whole-pixel offset the ring and label rasterise exactly as they did on the table's canvas.
    const half = Math.max(r + stroke / 2, label.width / 2, label.height / 2) + 1;
    const left = Math.floor(x - half);
    const top = Math.floor(y - half);
    const size = Math.ceil(x + half) - left;
    const sizeY = Math.ceil(y + half) - top;
    if (!this.el) {
      const el = document.createElement('canvas');
      el.className = 'stage-clock';
      el.setAttribute('aria-hidden', 'true');
      Object.assign(el.style, { position: 'absolute', pointerEvents: 'none' });
      this.el = el;
    }
    const el = this.el;
    if (!el.isConnected) stage.append(el);
    const box = `${left},${top},${size},${sizeY},${place.ratio},${place.left},${place.top}`;
    if (box !== this.box || !this.ctx) {
      this.box = box;
      el.width = size;
      el.height = sizeY;
      Object.assign(el.style, {
        left: `${place.left + left * place.ratio}px`,
        top: `${place.top + top * place.ratio}px`,
        width: `${size * place.ratio}px`,
        height: `${sizeY * place.ratio}px`,
      });
      this.ctx = el.getContext('2d');
    }
    el.style.display = '';
    const ctx = this.ctx;
    if (!ctx) return;
    ctx.clearRect(0, 0, el.width, el.height);
    ctx.save();
    ctx.translate(-left, -top);
    ctx.fillStyle = cssColor(this.colors.face);
    ctx.beginPath();
    ctx.arc(x, y, r + stroke / 2, 0, Math.PI * 2);
    ctx.fill();
    ctx.lineWidth = stroke;
    ctx.strokeStyle = cssColor(this.colors.track);
    ctx.beginPath();
    ctx.arc(x, y, r - stroke / 2, 0, Math.PI * 2);
    ctx.stroke();
    if (fraction > 0) {
      ctx.strokeStyle = cssColor(fraction < 0.15 ? this.colors.late : this.colors.time);
      ctx.beginPath();
      ctx.arc(x, y, r - stroke / 2, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * fraction, false);
      ctx.stroke();
    }
    if (label.width > 0 && label.height > 0) ctx.drawImage(label.canvas, x - label.width / 2, y - label.height / 2, label.width, label.height);
    ctx.restore();
  }

  remove(): void {
    this.el?.remove();
    this.el = null;
    this.ctx = null;
    this.box = '';
  }
}
