// One registered model: its versions with their quality figures and sample grids, where its aliases point and how
// they got there. Operators move aliases, roll them back and unregister versions no alias points to.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { useObservable } from '../../data/observable.js';
import { isOperator, role as currentRole } from '../../data/session.js';
import { fixed, percent } from '../../components/Figures.js';
import { Problem } from '../../components/Problem.js';
import { href } from '../../router.js';
import { AliasForm, AliasHistory } from './aliasMoves.js';

function VersionRow({ model, version, aliases, operator, onChanged, onProblem }) {
  const v = version;
  const unregister = () => api(`/api/v1/models/${model}/versions/${v.number}`, { method: 'DELETE' })
    .then(onChanged).catch(onProblem);
  const gone = v.unregisteredMillis != null;
  return html`<tr class=${gone ? 'unregistered' : ''}>
    <td>v${v.number}</td>
    <td>${gone ? html`<span class="muted">unregistered</span>` : aliases.map(a => html`<span class="badge">${a}</span> `)}</td>
    <td>${gone ? '' : html`<img class="version-grid" alt=${`samples of v${v.number}`} loading="lazy"
      src=${`/api/v1/runs/${v.runId}/checkpoints/${v.step}/samples.png`} />`}</td>
    <td><a href=${href('runs', v.runId, { step: v.step })}>${v.runId}</a></td><td class="num">${v.step}</td>
    <td class="num">${percent(v.quality?.accuracy)}</td><td class="num">${fixed(v.quality?.fcd)}</td>
    <td class="num">${percent(v.quality?.precision)}</td><td class="num">${percent(v.quality?.recall)}</td>
    <td><span title=${v.numerics?.machine ?? ''}>${v.numerics ? `${v.numerics.kernels}${v.numerics.checked ? ', checked' : ''}` : '–'}</span>
      <br /><span class="muted">${v.datasetVersion === 'built-in' ? 'built-in data' : (v.datasetVersion ?? '').slice(0, 19)}</span></td>
    <td>${new Date(v.registeredMillis).toLocaleString()}</td>
    ${operator && html`<td>${!gone && aliases.length === 0 && html`<button class="small" onClick=${unregister}
      aria-label=${`unregister v${v.number}`}>Unregister</button>`}</td>`}
  </tr>`;
}

export function ModelDetail({ name }) {
  const operator = isOperator(useObservable(currentRole));
  const [view, setView] = useState(null);
  const [problem, setProblem] = useState(null);
  const [changeProblem, setChangeProblem] = useState(null);
  const load = () => api(`/api/v1/models/${name}`).then(model => { setView(model); setChangeProblem(null); })
    .catch(setProblem);
  useEffect(() => { load(); }, [name]);
  if (problem) return html`<${Problem} id="model-problem" error=${problem} />`;
  if (!view) return html`<p class="muted">Loading…</p>`;
  const pointing = number => Object.values(view.aliases).filter(a => a.toVersion === number).map(a => a.alias);
  const registered = view.versions.filter(v => v.unregisteredMillis == null);
  return html`<article class="card" aria-labelledby="model-title">
    <h2 id="model-title">${name} <span class="count">${view.model.family} on ${view.model.dataset}</span></h2>
    <${Problem} id="version-problem" error=${changeProblem} />
    <div class="table-scroll"><table class="data" id="versions">
      <thead><tr><th scope="col">Version</th><th scope="col">Aliases</th><th scope="col">Samples</th>
        <th scope="col">Run</th><th scope="col">Step</th><th scope="col">Accuracy</th><th scope="col">FCD</th>
        <th scope="col">Precision</th><th scope="col">Recall</th><th scope="col">Trained with</th>
        <th scope="col">Registered</th>
        ${operator && html`<th scope="col"><span class="visually-hidden">Actions</span></th>`}</tr></thead>
      <tbody>${[...view.versions].reverse().map(v => html`<${VersionRow} key=${v.number} model=${name} version=${v}
        aliases=${pointing(v.number)} operator=${operator} onChanged=${load} onProblem=${setChangeProblem} />`)}</tbody>
    </table></div>
    ${operator && registered.length > 0 && html`<${AliasForm} model=${name} versions=${registered}
      aliases=${view.aliases} onMoved=${load} />`}
    ${Object.values(view.aliases).map(current => html`<${AliasHistory} key=${current.alias} model=${name}
      current=${current} operator=${operator} onMoved=${load} />`)}
  </article>`;
}
