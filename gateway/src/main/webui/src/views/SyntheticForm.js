// Make a labelled synthetic data set from the run (operators): follows the job to its download and, when asked,
// its accuracy score.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api, sendJson } from '../api.js';
import { Problem } from '../components/Problem.js';
import { SyntheticSummary } from './SyntheticSummary.js';

const FINISHED = ['DONE', 'FAILED', 'CANCELLED'];

export function useSyntheticJob(requestId) {
  const [job, setJob] = useState(null);
  useEffect(() => {
    if (!requestId) return undefined;
    let timer = null;
    const follow = async () => {
      const current = await api(`/api/v1/synthetic-datasets/${requestId}`).catch(() => null);
      if (current) setJob(current);
      const scoring = current?.score && ['PENDING', 'SCORING'].includes(current.score.state);
      if (!current || !FINISHED.includes(current.state) || scoring) timer = setTimeout(follow, current?.state === 'DONE' ? 3000 : 1000);
    };
    follow();
    return () => clearTimeout(timer);
  }, [requestId]);
  return job;
}

export function SyntheticForm({ runId }) {
  const [requestId, setRequestId] = useState(null);
  const [problem, setProblem] = useState(null);
  const job = useSyntheticJob(requestId);
  const submit = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      const created = await sendJson('POST', '/api/v1/synthetic-datasets', {
        runId, imagesPerClass: Number(form.get('imagesPerClass')), format: form.get('format'),
        seed: Number(form.get('seed')), score: form.get('score') === 'on' });
      setProblem(null);
      setRequestId(created.requestId);
    } catch (error) {
      setProblem(error);
    }
  };
  return html`<form id="synthetic" class="card form-row" onSubmit=${submit} aria-labelledby="synthetic-title">
    <h2 id="synthetic-title">Synthetic data set</h2>
    <div class="field"><label for="synthetic-images">Images per class</label>
      <input id="synthetic-images" name="imagesPerClass" type="number" value="100" /></div>
    <div class="field"><label for="synthetic-format">Format</label><select id="synthetic-format" name="format">
      <option value="png-zip">PNG ZIP with labels.csv</option><option value="idx">IDX (like Fashion-MNIST)</option></select></div>
    <div class="field"><label for="synthetic-seed">Seed</label><input id="synthetic-seed" name="seed" type="number" value="0" /></div>
    <div class="field checkbox"><input id="synthetic-score-it" name="score" type="checkbox" />
      <label for="synthetic-score-it" title="trains a classifier on the set and one on as many real images: minutes">Score it</label></div>
    <div class="form-actions"><button>Create</button></div>
    <${Problem} id="synthetic-problem" error=${problem} />
    ${job && html`<${SyntheticSummary} job=${job} />`}
  </form>`;
}
