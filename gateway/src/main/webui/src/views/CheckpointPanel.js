// One checkpoint of a run: its sample grid and quality figures beside each other, the filmstrip of all checkpoints
// to step through, and for a conditional run the choice of following one class's row.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { checkpointAt, useCheckpoints } from '../data/checkpoints.js';
import { seriesOf } from '../data/series.js';
import { ConfusionMatrix } from '../components/ConfusionMatrix.js';
import { ClassAccuracy, Figures } from '../components/Figures.js';
import { Filmstrip } from '../components/Filmstrip.js';
import { setParams } from '../router.js';

function useQualityOf(runId) {
  const [, setTick] = useState(0);
  useEffect(() => seriesOf(runId).changes.follow(() => setTick(t => t + 1)), [runId]);
  return seriesOf(runId);
}

export function CheckpointPanel({ route, runId, conditional, classes, every }) {
  const list = useCheckpoints(runId);
  const series = useQualityOf(runId);
  const asked = route.params.has('step') ? Number(route.params.get('step')) : null;
  const checkpoint = checkpointAt(list, asked);
  const classRow = conditional && route.params.has('class') ? Number(route.params.get('class')) : null;
  const quality = checkpoint && (series.measured.get(checkpoint.step) ?? checkpoint.quality);
  const index = checkpoint ? list.indexOf(checkpoint) : -1;
  const show = step => setParams(route, { step });
  return html`<section class="card" aria-labelledby="checkpoint-title">
    <div class="section-head">
      <h2 id="checkpoint-title">Samples and quality</h2>
      ${checkpoint && html`<span id="checkpoint-label">step ${checkpoint.step}, epoch ${checkpoint.epoch}
        ${checkpoint.step === series.bestStep ? html` <span class="badge">best FCD</span>` : ''}</span>`}
      <div class="toolbar">
        <button type="button" id="previous-checkpoint" disabled=${index <= 0} onClick=${() => show(list[index - 1].step)}>← earlier</button>
        <button type="button" id="next-checkpoint" disabled=${index < 0 || index >= list.length - 1} onClick=${() => show(list[index + 1].step)}>later →</button>
        <button type="button" id="best" disabled=${series.bestStep === null} onClick=${() => show(series.bestStep)}>best (lowest FCD)</button>
        <button type="button" id="latest" disabled=${list.length === 0} onClick=${() => setParams(route, { step: '' })}>latest</button>
      </div>
    </div>
    ${checkpoint ? html`<div class="checkpoint">
      <figure><img id="samples" class="pixels samples" src=${checkpoint.samples}
        alt=${`fixed-noise samples at step ${checkpoint.step}${conditional ? ', one row per class' : ''}`} />
        ${conditional && html`<figcaption>rows: ${classes.join(', ')}</figcaption>`}</figure>
      <div class="checkpoint-figures">
        <${Figures} quality=${quality} best=${checkpoint.step === series.bestStep} />
        <${ClassAccuracy} quality=${quality} classes=${classes} />
      </div>
      <${ConfusionMatrix} confusion=${quality?.confusion} classes=${classes} />
    </div>` : html`<p class="muted">No checkpoint yet: the first comes after ${every} steps.</p>`}
    <div class="section-head">
      <h3>Across checkpoints</h3>
      ${conditional && html`<label>Follow <select id="filmstrip-class" value=${classRow ?? ''}
        onChange=${e => setParams(route, { class: e.target.value })}>
        <option value="">the whole grid</option>
        ${classes.map((name, i) => html`<option value=${i}>${name}</option>`)}</select></label>`}
    </div>
    <${Filmstrip} checkpoints=${list} selectedStep=${checkpoint?.step} onSelect=${show} classRow=${classRow} classes=${classes} />
  </section>`;
}
