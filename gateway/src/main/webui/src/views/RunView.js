// One run: its settings and state, its curves with the step shown marked (click a curve to show that checkpoint),
// the checkpoint's samples and quality, and what can be done with it.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { classNames, isConditional, isGan, runOptions, totalSteps } from '../data/catalog.js';
import { useObservable } from '../data/observable.js';
import { isActive, refreshRuns, runs as allRuns } from '../data/runs.js';
import { isOperator, role as currentRole } from '../data/session.js';
import { ChartControls, chartSettings } from '../components/ChartControls.js';
import { percent } from '../components/Figures.js';
import { MetricCharts } from '../components/MetricCharts.js';
import { href, setParams } from '../router.js';
import { CheckpointPanel } from './CheckpointPanel.js';
import { GenerateForm } from './GenerateForm.js';
import { SyntheticForm } from './SyntheticForm.js';

const SPEC_FIELDS = ['model', 'dataset', 'epochs', 'batchSize', 'learningRate', 'beta1', 'beta2', 'latentSize',
  'checkpointEverySteps', 'seed', 'datasetLimit'];

export function RunView({ route }) {
  const runId = route.id;
  const run = useObservable(allRuns).find(r => r.runId === runId);
  const operator = isOperator(useObservable(currentRole));
  const [problem, setProblem] = useState(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => { if (!run) api(`/api/v1/runs/${runId}`).then(refreshRuns).catch(() => setMissing(true)); }, [runId]);
  if (!run) return html`<p class=${missing ? 'problem' : 'muted'} id="run-missing">${missing ? `No run ${runId}.` : 'Loading…'}</p>`;
  const spec = run.spec ?? {};
  useObservable(runOptions);
  const conditional = isConditional(spec.model);
  const classes = classNames(spec.dataset);
  const total = totalSteps(spec);
  const settings = chartSettings(route);
  const step = route.params.has('step') ? Number(route.params.get('step')) : null;
  const stop = async () => {
    try { await api(`/api/v1/runs/${runId}/stop`, { method: 'POST' }); setProblem(null); await refreshRuns(); }
    catch (error) { setProblem(error); }
  };
  return html`<article class="run" aria-labelledby="run-title">
    <header class="run-head card">
      <div>
        <h2 id="run-title">${runId} <span class=${'state state-' + run.state.toLowerCase()}>${run.state}</span></h2>
        <p id="caption">${spec.model} on ${spec.dataset}: epoch ${run.epoch}, step ${run.step}${total ? ` of ${total} (${percent(run.step / total)})` : ''}
          ${run.state === 'FAILED' ? html` <span class="problem">failed: ${run.message}</span>` : ''}</p>
        ${total && html`<progress max="1" value=${Math.min(1, run.step / total)} aria-label="progress"></progress>`}
      </div>
      <div class="toolbar">
        <a class="button" href=${href('compare', null, { runs: runId })}>Compare…</a>
        ${operator && isActive(run) && html`<button type="button" id="stop" onClick=${stop}>Stop</button>`}
      </div>
      ${problem && html`<p class="problem" role="alert">${problem.message}</p>`}
      <dl class="spec">${SPEC_FIELDS.map(name => html`<div><dt>${name}</dt><dd>${spec[name] ?? '–'}</dd></div>`)}</dl>
    </header>
    <section class="card" aria-labelledby="curves-title">
      <div class="section-head"><h2 id="curves-title">Curves</h2><${ChartControls} route=${route} /></div>
      <p class="muted">Click a point on a curve to show that checkpoint below.</p>
      <${MetricCharts} runIds=${[runId]} ...${settings} step=${step} onPickStep=${picked => setParams(route, { step: picked })} />
    </section>
    <${CheckpointPanel} route=${route} runId=${runId} conditional=${conditional} classes=${classes} every=${spec.checkpointEverySteps} />
    ${isGan(spec.model) && html`<${GenerateForm} runId=${runId} conditional=${conditional}
      classes=${classes} step=${step} />`}
    ${operator && conditional && html`<${SyntheticForm} runId=${runId} />`}
  </article>`;
}
