// A run's fixed-noise samples across its checkpoints (W&B's media panel): the same noise, so what changes is what
// the generator learned. For a conditional run, one class's row can be followed instead of the whole grid.
import { html } from 'htm/preact';
import { ClassRow } from './ClassRow.js';
import { framesOf } from './frames.js';

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
