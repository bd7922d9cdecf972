// Every synthetic data set made so far, with the checkpoint it came from, its figures, its score and its download.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { href } from '../router.js';
import { SyntheticSummary } from './SyntheticSummary.js';

export function SyntheticView() {
  const [jobs, setJobs] = useState(null);
  const [problem, setProblem] = useState(null);
  useEffect(() => {
    let timer = null;
    const refresh = async () => {
      try { setJobs(await api('/api/v1/synthetic-datasets')); setProblem(null); } catch (error) { setProblem(error); }
      timer = setTimeout(refresh, 3000);
    };
    refresh();
    return () => clearTimeout(timer);
  }, []);
  return html`<article class="card" aria-labelledby="synthetic-title">
    <h2 id="synthetic-title">Synthetic data sets</h2>
    <p class="muted">Made from a run's checkpoint on its page (Synthetic data set), or asked of a model by name (which
      version answered is kept); the newest first.</p>
    ${problem && html`<p class="problem" role="alert">${problem.message}</p>`}
    ${jobs && jobs.length === 0 && html`<p class="muted" id="synthetic-none">None yet.</p>`}
    ${jobs && jobs.length > 0 && html`<div class="table-scroll"><table class="data" id="synthetic-sets">
      <thead><tr><th scope="col">Request</th><th scope="col">Model</th><th scope="col">Run</th><th scope="col">Step</th>
        <th scope="col">Format</th>
        <th scope="col">State and result</th></tr></thead>
      <tbody>${[...jobs].sort((a, b) => b.updatedMillis - a.updatedMillis).map(job => html`<tr key=${job.requestId}>
        <td>${job.requestId}</td><td>${job.fromModel && html`<a href=${href('models', job.fromModel.model)}>
          ${job.fromModel.model}</a> ${job.fromModel.alias}${job.fromModel.version ? ` v${job.fromModel.version}` : ''}`}</td>
        <td>${job.runId && html`<a href=${href('runs', job.runId)}>${job.runId}</a>`}</td>
        <td class="num">${job.step ?? '–'}</td><td>${job.format}</td>
        <td><${SyntheticSummary} job=${job} ids=${false} /></td></tr>`)}</tbody>
    </table></div>`}
  </article>`;
}
