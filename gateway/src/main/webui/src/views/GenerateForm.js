// Generate images of a class from the run's latest (or a chosen) checkpoint, as a service would.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { ApiProblem } from '../api.js';
import { Problem } from '../components/Problem.js';

export function GenerateForm({ runId, conditional, classes, step }) {
  const [image, setImage] = useState(null);
  const [problem, setProblem] = useState(null);
  const submit = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const query = new URLSearchParams({ count: form.get('count'), seed: form.get('seed') });
    if (conditional) query.set('class', form.get('class'));
    if (form.get('at') === 'shown' && step !== null) query.set('step', step);
    const response = await fetch(`/api/v1/runs/${runId}/${conditional ? 'images' : 'grid'}?${query}`);
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      setProblem(new ApiProblem(response.status, body));
      return;
    }
    setProblem(null);
    if (image) URL.revokeObjectURL(image.url);
    setImage({ url: URL.createObjectURL(await response.blob()), step: response.headers.get('X-Checkpoint-Step') });
  };
  return html`<form id="generate" class="card form-row" onSubmit=${submit} aria-labelledby="generate-title">
    <h2 id="generate-title">Generate</h2>
    ${conditional && html`<div class="field"><label for="generate-class">Class</label>
      <select id="generate-class" name="class">${classes.map((name, i) => html`<option value=${i}>${i}: ${name}</option>`)}</select></div>`}
    <div class="field"><label for="generate-seed">Seed</label><input id="generate-seed" name="seed" type="number" value="1" /></div>
    <div class="field"><label for="generate-count">Count</label><input id="generate-count" name="count" type="number" value="8" /></div>
    <div class="field"><label for="generate-at">Checkpoint</label><select id="generate-at" name="at">
      <option value="latest">the latest</option><option value="shown">the one shown above</option></select></div>
    <div class="form-actions"><button>Generate</button></div>
    <${Problem} id="generate-problem" error=${problem} />
    ${image && html`<img id="generated" class="pixels generated" src=${image.url} alt="the generated images" />`}
  </form>`;
}
