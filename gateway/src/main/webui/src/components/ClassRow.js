// One class's row of a conditional model's sample grid (one row per class, 2 px between images), cut out on a
// canvas, so that a class can be followed across checkpoints.
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';

const GAP = 2;

export function ClassRow({ src, row, rows, label }) {
  const canvas = useRef(null);
  useEffect(() => {
    const image = new Image();
    image.onload = () => {
      const height = (image.naturalHeight + GAP) / rows - GAP;
      const target = canvas.current;
      if (!target) return;
      target.width = image.naturalWidth;
      target.height = height;
      target.getContext('2d').drawImage(image, 0, row * (height + GAP), image.naturalWidth, height,
        0, 0, image.naturalWidth, height);
    };
    image.src = src;
  }, [src, row, rows]);
  return html`<canvas ref=${canvas} class="pixels class-row" role="img" aria-label=${label}></canvas>`;
}
