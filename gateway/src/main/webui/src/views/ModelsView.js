// Registered models (MLflow's registry, with ganflow's quality figures): the list, and one model's page
// (models/ModelDetail.js).
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { Problem } from '../components/Problem.js';
import { href } from '../router.js';
import { ModelDetail } from './models/ModelDetail.js';

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

export function ModelsView({ route }) {
  return route.id ? html`<${ModelDetail} name=${route.id} />` : html`<${ModelList} />`;
}
