// Registered models (MLflow's registry, with ganflow's quality figures): each model's versions with their figures,
// where its aliases point and how they got there; operators move an alias (promote, roll back) with its ETag, so
// that a move made meanwhile by someone else is refused rather than overwritten.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from '../api.js';
import { useObservable } from '../data/observable.js';
import { isOperator, role as currentRole } from '../data/session.js';
import { fixed, percent } from '../components/Figures.js';
import { Problem } from '../components/Problem.js';
import { href } from '../router.js';

function ModelList() {
  const [models, setModels] = useState(null);
  const [problem, setProblem] = useState(null);
  useEffect(() => { api('/api/v1/models').then(setModels).catch(setProblem); }, []);
  return html`<section class="card" aria-labelledby="models-title">
    <h2 id="models-title">Models</h2>
    <p class="muted">A model is a name for a data set and a GAN family; its versions are checkpoints of its runs, and
      aliases (production, staging) say which version answers <code>/api/v1/models/NAME/images</code>.</p>
    <${Problem} id="models-problem" error=${problem} />
    ${models && models.length === 0 && html`<p class="muted" id="models-none">None registered yet.</p>`}
    ${models && models.length > 0 && html`<table class="data" id="models">
      <thead><tr><th scope="col">Name</th><th scope="col">Family</th><th scope="col">Data set</th><th scope="col">Registered</th></tr></thead>
      <tbody>${models.map(m => html`<tr key=${m.name}><td><a href=${href('models', m.name)}>${m.name}</a></td>
        <td>${m.family}</td><td>${m.dataset}</td><td>${new Date(m.createdMillis).toLocaleString()}</td></tr>`)}</tbody>
    </table>`}
  </section>`;
}

/** Moves an alias with the ETag it was read with: a 412 says it moved meanwhile. */
async function moveAlias(model, alias, version, etag, reason) {
  const response = await fetch(`/api/v1/models/${model}/aliases/${alias}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...(etag ? { 'If-Match': etag } : {}) },
    body: JSON.stringify({ version: Number(version), reason }),
  });
  const body = await response.json();
  if (!response.ok) throw new ApiProblem(response.status, body);
  return body;
}

function AliasForm({ model, versions, aliases, onMoved }) {
  const [problem, setProblem] = useState(null);
  const submit = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const alias = form.get('alias');
    const current = aliases[alias];
    try {
      await moveAlias(model, alias, form.get('version'), current ? `"${current.move}"` : null, form.get('reason'));
      setProblem(null);
      onMoved();
    } catch (error) {
      setProblem(error);
    }
  };
  return html`<form id="move-alias" class="form-row" onSubmit=${submit} aria-labelledby="move-title">
    <h3 id="move-title">Move an alias</h3>
    <div class="field"><label for="move-alias-name">Alias</label>
      <input id="move-alias-name" name="alias" defaultValue="production" autocomplete="off" /></div>
    <div class="field"><label for="move-version">To version</label><select id="move-version" name="version">
      ${[...versions].reverse().map(v => html`<option value=${v.number}>v${v.number}: ${v.runId} @ ${v.step}</option>`)}</select></div>
    <div class="field"><label for="move-reason">Why</label><input id="move-reason" name="reason" autocomplete="off" /></div>
    <div class="form-actions"><button>Move</button></div>
    <${Problem} id="move-problem" error=${problem} />
  </form>`;
}

function ModelDetail({ name }) {
  const operator = isOperator(useObservable(currentRole));
  const [view, setView] = useState(null);
  const [problem, setProblem] = useState(null);
  const load = () => api(`/api/v1/models/${name}`).then(setView).catch(setProblem);
  useEffect(() => { load(); }, [name]);
  if (problem) return html`<${Problem} id="model-problem" error=${problem} />`;
  if (!view) return html`<p class="muted">Loading…</p>`;
  const pointing = version => Object.values(view.aliases).filter(a => a.toVersion === version).map(a => a.alias);
  return html`<article class="card" aria-labelledby="model-title">
    <h2 id="model-title">${name} <span class="count">${view.model.family} on ${view.model.dataset}</span></h2>
    <table class="data" id="versions">
      <thead><tr><th scope="col">Version</th><th scope="col">Aliases</th><th scope="col">Run</th><th scope="col">Step</th>
        <th scope="col">Accuracy</th><th scope="col">FCD</th><th scope="col">Precision</th><th scope="col">Recall</th>
        <th scope="col">Registered</th></tr></thead>
      <tbody>${[...view.versions].reverse().map(v => html`<tr key=${v.number}>
        <td>v${v.number}</td><td>${pointing(v.number).map(a => html`<span class="badge">${a}</span> `)}</td>
        <td><a href=${href('runs', v.runId, { step: v.step })}>${v.runId}</a></td><td class="num">${v.step}</td>
        <td class="num">${percent(v.quality?.accuracy)}</td><td class="num">${fixed(v.quality?.fcd)}</td>
        <td class="num">${percent(v.quality?.precision)}</td><td class="num">${percent(v.quality?.recall)}</td>
        <td>${new Date(v.registeredMillis).toLocaleString()}</td></tr>`)}</tbody>
    </table>
    ${operator && view.versions.length > 0 && html`<${AliasForm} model=${name} versions=${view.versions}
      aliases=${view.aliases} onMoved=${load} />`}
    ${Object.keys(view.aliases).map(alias => html`<${AliasHistory} key=${alias + view.aliases[alias].move} model=${name} alias=${alias} />`)}
  </article>`;
}

function AliasHistory({ model, alias }) {
  const [moves, setMoves] = useState([]);
  useEffect(() => { api(`/api/v1/models/${model}/aliases/${alias}/history`).then(setMoves).catch(() => {}); }, [model, alias]);
  return html`<section aria-label=${`history of ${alias}`}>
    <h3>${alias}: history</h3>
    <ol class="history">${[...moves].reverse().map(m => html`<li>
      ${new Date(m.timeMillis).toLocaleString()}: ${m.fromVersion ? `v${m.fromVersion} → ` : ''}v${m.toVersion}
      by ${m.movedBy}${m.reason ? ` (${m.reason})` : ''}</li>`)}</ol>
  </section>`;
}

export function ModelsView({ route }) {
  return route.id ? html`<${ModelDetail} name=${route.id} />` : html`<${ModelList} />`;
}
