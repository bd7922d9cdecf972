// A run's fixed-noise samples across its checkpoints (W&B's media panel): the same noise, so what changes is what
// the generator learned. For a conditional run, one class's row can be followed instead of the whole grid.
import { html } from 'htm/preact';
import { ClassRow } from './ClassRow.js';

const FRAMES = 10;

/** At most FRAMES checkpoints, evenly spread, always with the first, the last and the selected one. */
export function framesOf(list, selectedStep) {
  if (list.length <= FRAMES) return list;
  const picked = new Set([0, list.length - 1]);
  for (let i = 1; i < FRAMES - 1; i++) picked.add(Math.round((i * (list.length - 1)) / (FRAMES - 1)));
  const selected = list.findIndex(c => c.step === selectedStep);
  if (selected >= 0) picked.add(selected);
  return [...picked].sort((a, b) => a - b).map(i => list[i]);
}

export function Filmstrip({ checkpoints, selectedStep, onSelect, classRow = null, classes = [] }) {
  if (checkpoints.length === 0) return html`<p class="muted">No checkpoint yet.</p>`;
  return html`<ol class="filmstrip" id="filmstrip" aria-label="samples across checkpoints">
    ${framesOf(checkpoints, selectedStep).map(checkpoint => html`<li key=${checkpoint.step}>
      <button type="button" class=${checkpoint.step === selectedStep ? 'frame selected' : 'frame'}
        aria-pressed=${checkpoint.step === selectedStep} onClick=${() => onSelect(checkpoint.step)}
        aria-label=${`show step ${checkpoint.step}`}>
        ${classRow === null
          ? html`<img class="pixels" src=${checkpoint.samples} alt=${`samples at step ${checkpoint.step}`} loading="lazy" />`
          : html`<${ClassRow} src=${checkpoint.samples} row=${classRow} rows=${classes.length}
              label=${`${classes[classRow]} at step ${checkpoint.step}`} />`}
        <span>step ${checkpoint.step}</span>
      </button></li>`)}
  </ol>`;
}
