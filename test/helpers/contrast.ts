/**
 * WCAG 2 contrast between two opaque CSS colours in any syntax a browser computes (`rgb()`,
 * `oklab()`, `color(srgb …)` from a color-mix): each is painted on a 1×1 canvas and read back in sRGB.
 */
export function contrastRatio(foreground: string, background: string): number {
  const [a, b] = [luminance(foreground), luminance(background)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

let context: CanvasRenderingContext2D | null = null;

function luminance(color: string): number {
  context ??= Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true })!;
  // (an assignment the canvas cannot parse leaves the sentinel in place)
  context.fillStyle = '#010203';
  context.fillStyle = color;
  if (context.fillStyle === '#010203' && !/^(#010203|rgb\(1, 2, 3\))$/.test(color)) throw new Error(`the canvas cannot read the colour ${color}`);
  context.clearRect(0, 0, 1, 1);
  context.fillRect(0, 0, 1, 1);
  const [r, g, b, alpha] = context.getImageData(0, 0, 1, 1).data;
  if (alpha !== 255) throw new Error(`${color} is not opaque`);
  const linear = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

/**
 * A keyboard focus ring's contrast with what it is drawn on (WCAG 2.4.11/2.4.13: the pixels that
 * change on focus): the best of the tones it paints over that background at least 2px wide — the
 * outline, and a plain box-shadow ring where it reaches past the outline, the element's own or its
 * parent's around it (a control that paints no shadow of its own, WebKit's native slider, has its
 * ring's band drawn by a wrapper). 0 when it paints none.
 */
export function focusRingContrast(el: Element, background: string): { ratio: number; tones: string[] } {
  const style = getComputedStyle(el);
  const tones: string[] = [];
  const drawn = style.outlineStyle !== 'none' && style.outlineStyle !== 'auto';
  const width = drawn ? parseFloat(style.outlineWidth) : 0;
  if (width >= 2) tones.push(style.outlineColor);
  const edge = Math.max(0, parseFloat(style.outlineOffset) || 0) + width;
  /** The box-shadow rings `box` paints from `margin` px out of the element's edge all round: the band past the outline. */
  const rings = (box: Element, margin: number) => {
    const { boxShadow } = getComputedStyle(box);
    for (const shadow of boxShadow === 'none' ? [] : boxShadow.split(/,(?![^(]*\))/)) {
      const color = shadow.match(/[a-z-]+\([^)]*\)|#[0-9a-f]+/i)?.[0];
      const [x, y, blur, spread] = shadow.replace(color ?? '', '').trim().split(/\s+/).map(parseFloat);
      if (color && !/inset/.test(shadow) && x === 0 && y === 0 && blur === 0 && margin + spread! - Math.max(edge, margin) >= 2) tones.push(color);
    }
  };
  rings(el, 0);
  const parent = el.parentElement;
  if (parent) {
    const [inner, outer] = [el.getBoundingClientRect(), parent.getBoundingClientRect()];
    const margin = Math.min(inner.left - outer.left, inner.top - outer.top, outer.right - inner.right, outer.bottom - inner.bottom);
    // (a parent that does not surround the element paints no ring around it)
    if (margin >= 0) rings(parent, margin);
  }
  return { ratio: Math.max(0, ...tones.map((tone) => contrastRatio(tone, background))), tones };
}
