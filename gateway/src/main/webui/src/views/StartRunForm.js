// Start a run: the fields, their defaults per model and their limits come from GET /api/v1/run-options, the rule
// the gateway checks, so the form never disagrees with it. The gateway's problem is shown at the field it names.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { sendJson } from '../api.js';
import { datasets as allDatasets, loadRunOptions, refreshDatasets, runOptions } from '../data/catalog.js';
import { useObservable } from '../data/observable.js';
import { refreshRuns } from '../data/runs.js';
import { href } from '../router.js';
import { problemsByField } from './problems.js';

const LABELS = {
  model: 'Model', dataset: 'Data set', runId: 'Run id', seed: 'Seed',
  epochs: 'Epochs', batchSize: 'Batch size', learningRate: 'Learning rate', beta1: 'Adam β1', beta2: 'Adam β2',
  latentSize: 'Latent size', checkpointEverySteps: 'Checkpoint every (steps)', metricsEverySteps: 'Metrics every (steps)',
  datasetLimit: 'Use the first N images (0: all)',
};

function bounds(range) {
  const text = [range.minimum !== null ? `${range.exclusiveMinimum ? '>' : '≥'} ${range.minimum}` : null,
    range.maximum !== null ? `${range.exclusiveMaximum ? '<' : '≤'} ${range.maximum}` : null].filter(Boolean);
  return text.join(', ');
}

export function StartRunForm() {
  const options = useObservable(runOptions);
  const datasets = useObservable(allDatasets);
  const [model, setModel] = useState(null);
  const [problems, setProblems] = useState({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    loadRunOptions().catch(error => setProblems({ form: error.message }));
    refreshDatasets().catch(() => {});
  }, []);
  if (!options) return html`<p class="muted">Loading the model families…</p>`;
  const family = options.models.find(m => m.name === model) ?? options.models.find(m => m.name === 'cgan-fashion-mnist') ?? options.models[0];
  const fitting = datasets.filter(d => d.available && d.channels === family.channels && d.side === family.side);
  const fields = ['runId', 'model', 'dataset', ...options.limits.map(l => l.field), 'seed'];

  const submit = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const body = {};
    for (const [name, value] of form) {
      if (value === '') continue;
      body[name] = ['runId', 'model', 'dataset'].includes(name) ? value : Number(value);
    }
    setBusy(true);
    try {
      const run = await sendJson('POST', '/api/v1/runs', body);
      setProblems({});
      await refreshRuns();
      location.hash = href('runs', run.runId);
    } catch (error) {
      setProblems(problemsByField(error.message, fields));
    } finally {
      setBusy(false);
    }
  };

  const field = (name, control, hint) => html`<div class="field">
    <label for=${'start-' + name}>${LABELS[name] ?? name}</label>${control}
    ${hint && html`<small class="hint" id=${'start-' + name + '-hint'}>${hint}</small>`}
    ${problems[name] && html`<small class="problem" role="alert" id=${'start-' + name + '-problem'}>${problems[name]}</small>`}
  </div>`;
  return html`<form id="start" class="card form-grid" novalidate onSubmit=${submit} aria-labelledby="start-title">
    <h2 id="start-title">Start a run</h2>
    ${field('model', html`<select id="start-model" name="model" value=${family.name} onChange=${e => setModel(e.target.value)}>
      ${options.models.map(m => html`<option value=${m.name}>${m.name} (${m.kind === 'GAN' ? (m.conditional ? 'conditional GAN' : 'GAN') : 'reference classifier'})</option>`)}
    </select>`, `${family.side}×${family.side}×${family.channels} images`)}
    ${field('dataset', html`<select id="start-dataset" name="dataset" key=${family.name}>
      ${fitting.map(d => html`<option value=${d.name} selected=${d.name === family.defaults.dataset}>${d.name}</option>`)}
    </select>`, null)}
    ${field('runId', html`<input id="start-runId" name="runId" placeholder="made up if empty" autocomplete="off" />`, 'lowercase letters, digits, dashes')}
    ${options.limits.map(range => field(range.field, html`<input id=${'start-' + range.field} name=${range.field}
      type="number" key=${family.name + range.field} defaultValue=${family.defaults[range.field]}
      min=${range.minimum ?? undefined} max=${range.maximum ?? undefined} step=${range.whole ? 1 : 'any'}
      aria-describedby=${'start-' + range.field + '-hint'} />`, bounds(range)))}
    ${field('seed', html`<input id="start-seed" name="seed" type="number" step="1" key=${family.name + 'seed'} defaultValue=${family.defaults.seed} />`, null)}
    <div class="form-actions">
      <button id="start-submit" disabled=${busy}>Start the run</button>
      ${problems.form && html`<p class="problem" role="alert" id="start-problem">${problems.form}</p>`}
    </div>
  </form>`;
}
