// The data sets runs may train on, built in and uploaded, and the upload of a new one (operators).
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { upload } from '../api.js';
import { datasets as allDatasets, refreshDatasets } from '../data/catalog.js';
import { useObservable } from '../data/observable.js';
import { isOperator, role as currentRole } from '../data/session.js';
import { Problem } from '../components/Problem.js';

function UploadForm() {
  const [progress, setProgress] = useState(null);
  const [result, setResult] = useState(null);
  const [problem, setProblem] = useState(null);
  const submit = async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    const query = new URLSearchParams({ side: form.get('side'), channels: form.get('channels') });
    setProblem(null);
    setResult(null);
    setProgress(0);
    try {
      const made = await upload(`/api/v1/datasets/${encodeURIComponent(form.get('name'))}?${query}`, form.get('archive'),
        (sent, total) => setProgress(total ? sent / total : 0));
      setResult(`${made.name}: ${made.counts.reduce((a, b) => a + b, 0)} images in ${made.classes.length} classes, ${made.skipped.length} files skipped`);
      refreshDatasets();
    } catch (error) {
      setProblem(error);
    } finally {
      setProgress(null);
    }
  };
  return html`<form id="upload" class="card form-row" onSubmit=${submit} aria-labelledby="upload-title">
    <h2 id="upload-title">Upload a data set</h2>
    <div class="field"><label for="upload-name">Name</label><input id="upload-name" name="name" placeholder="my-images" autocomplete="off" /></div>
    <div class="field"><label for="upload-archive">Archive (ZIP or tar.gz, a folder per class)</label>
      <input id="upload-archive" name="archive" type="file" accept=".zip,.tar.gz,.tgz" /></div>
    <div class="field"><label for="upload-side">Side (pixels)</label><input id="upload-side" name="side" type="number" value="32" /></div>
    <div class="field"><label for="upload-channels">Channels</label><select id="upload-channels" name="channels">
      <option value="3">3 (colour)</option><option value="1">1 (grey)</option></select></div>
    <div class="form-actions"><button>Upload</button></div>
    ${progress !== null && html`<progress id="upload-progress" max="1" value=${progress} aria-label="upload progress"></progress>`}
    <${Problem} id="upload-problem" error=${problem} />
    ${result && html`<p id="upload-result">${result}</p>`}
  </form>`;
}

export function DatasetsView() {
  const datasets = useObservable(allDatasets);
  const operator = isOperator(useObservable(currentRole));
  useEffect(() => { refreshDatasets().catch(() => {}); }, []);
  return html`<article aria-labelledby="datasets-title">
    <section class="card">
      <h2 id="datasets-title">Data sets</h2>
      <div class="table-scroll"><table class="data" id="datasets">
        <thead><tr><th scope="col">Name</th><th scope="col">Source</th><th scope="col">Images</th>
          <th scope="col">Held out</th><th scope="col">Shape</th><th scope="col">Classes</th></tr></thead>
        <tbody>${datasets.map(d => html`<tr key=${d.name}>
          <td>${d.name}</td><td>${d.source}${d.available ? '' : html` <span class="problem">(files missing)</span>`}</td>
          <td class="num">${d.counts.reduce((a, b) => a + b, 0)}</td>
          <td class="num">${(d.heldOutCounts || []).reduce((a, b) => a + b, 0) || '–'}</td>
          <td>${d.side}×${d.side}×${d.channels}</td><td class="classes">${d.classes.join(', ')}</td></tr>`)}</tbody>
      </table></div>
    </section>
    ${operator && html`<${UploadForm} />`}
  </article>`;
}
