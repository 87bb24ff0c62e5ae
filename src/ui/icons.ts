/** Inline SVG icons: emoji fonts differ per device (and are missing on some), these do not. */
const NS = 'http://www.w3.org/2000/svg';

function svg(paths: string[]): SVGSVGElement {
  const el = document.createElementNS(NS, 'svg');
  el.setAttribute('viewBox', '0 0 24 24');
  el.setAttribute('width', '24');
  el.setAttribute('height', '24');
  el.setAttribute('aria-hidden', 'true');
  el.setAttribute('focusable', 'false');
  for (const d of paths) {
    const p = document.createElementNS(NS, 'path');
    p.setAttribute('d', d);
    p.setAttribute('fill', 'none');
    p.setAttribute('stroke', 'currentColor');
    p.setAttribute('stroke-width', '2.2');
    p.setAttribute('stroke-linecap', 'round');
    p.setAttribute('stroke-linejoin', 'round');
    el.append(p);
  }
  return el;
}

export const speakerIcon = (muted: boolean): SVGSVGElement =>
  svg(muted ? ['M4 9h4l5-4v14l-5-4H4z', 'M17 9l5 6', 'M22 9l-5 6'] : ['M4 9h4l5-4v14l-5-4H4z', 'M16.5 8.5a5 5 0 0 1 0 7', 'M19 6a8.5 8.5 0 0 1 0 12']);

/** Three sliders: the facilitator's drawer of settings and controls. */
export const slidersIcon = (): SVGSVGElement => svg(['M4 6h9', 'M17 6h3', 'M4 12h3', 'M11 12h9', 'M4 18h11', 'M19 18h1', 'M15 4v4', 'M9 10v4', 'M17 16v4']);

/** A window in front of another: the stage opened in a window of its own. */
export const windowsIcon = (): SVGSVGElement => svg(['M9 9h11v11H9z', 'M5 15V4h11']);
