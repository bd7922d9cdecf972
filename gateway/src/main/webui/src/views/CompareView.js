// Runs side by side (TensorBoard's scalars with W&B's media): the chosen runs' curves on shared charts, and their
// sample grids at one step; click a curve to choose the step. The URL holds the runs, the settings and the step.
import { html } from 'htm/preact';
import { checkpointAt, useCheckpoints } from '../data/checkpoints.js';
import { useObservable } from '../data/observable.js';
import { runs as allRuns } from '../data/runs.js';
import { colourOf } from '../components/Chart.js';
import { ChartControls, chartSettings } from '../components/ChartControls.js';
import { MetricCharts } from '../components/MetricCharts.js';
import { href, setParams } from '../router.js';

function GridAt({ runId, step, colour }) {
  const checkpoint = checkpointAt(useCheckpoints(runId), step);
  return html`<figure class="grid-at" style=${`border-top: 4px solid ${colour}`}>
    <figcaption><a href=${href('runs', runId, step !== null ? { step: checkpoint?.step ?? step } : {})}>${runId}</a>
      ${checkpoint ? ` at step ${checkpoint.step}` : ': no checkpoint yet'}</figcaption>
    ${checkpoint && html`<img class="pixels" src=${checkpoint.samples} alt=${`samples of ${runId} at step ${checkpoint.step}`} />`}
  </figure>`;
}

export function CompareView({ route }) {
  const known = useObservable(allRuns);
  const chosen = (route.params.get('runs') || '').split(',').filter(Boolean);
  const step = route.params.has('step') ? Number(route.params.get('step')) : null;
  const settings = chartSettings(route);
  const toggle = runId => {
    const next = chosen.includes(runId) ? chosen.filter(id => id !== runId) : [...chosen, runId];
    setParams(route, { runs: next.join(',') });
  };
  return html`<article aria-labelledby="compare-title">
    <section class="card">
      <div class="section-head"><h2 id="compare-title">Compare runs</h2><${ChartControls} route=${route} /></div>
      <fieldset class="run-picker"><legend>Runs compared</legend>
        ${known.map((run, i) => html`<label class="chip">
          <input type="checkbox" checked=${chosen.includes(run.runId)} onChange=${() => toggle(run.runId)} />
          <span class="swatch" style=${`background: ${chosen.includes(run.runId) ? colourOf(chosen.indexOf(run.runId)) : '#ccc'}`}></span>
          ${run.runId}</label>`)}
      </fieldset>
    </section>
    ${chosen.length === 0
      ? html`<p class="muted card">Choose runs above, or select them in the runs table.</p>`
      : html`<section class="card" aria-label="curves">
          <p class="muted">Click a point on a curve to see every run's samples at that step.</p>
          <${MetricCharts} runIds=${chosen} ...${settings} step=${step} onPickStep=${picked => setParams(route, { step: picked })} />
        </section>
        <section class="card" aria-labelledby="grids-title">
          <h2 id="grids-title">Samples ${step !== null ? `at step ${step}` : 'at each run\'s latest checkpoint'}</h2>
          <div class="grids" id="grids">${chosen.map((runId, i) => html`<${GridAt} key=${runId} runId=${runId} step=${step} colour=${colourOf(i)} />`)}</div>
        </section>`}
  </article>`;
}
