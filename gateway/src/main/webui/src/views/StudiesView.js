// Studies (Katib's experiments, W&B's sweeps): the list, and one study's page (studies/StudyDetail.js). A study is
// started through the API (POST /api/v1/studies), its trials are ordinary runs.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { Problem } from '../components/Problem.js';
import { href } from '../router.js';
import { StudyDetail } from './studies/StudyDetail.js';

function StudyList() {
  const [studies, setStudies] = useState(null);
  const [problem, setProblem] = useState(null);
  useEffect(() => { api('/api/v1/studies').then(setStudies).catch(setProblem); }, []);
  return html`<section class="card" aria-labelledby="studies-title">
    <h2 id="studies-title">Studies</h2>
    <p class="muted">Many runs from one request (<code>POST /api/v1/studies</code>): a search space, a budget, an
      objective on the measured figures and a rule that stops poor trials early.</p>
    <${Problem} id="studies-problem" error=${problem} />
    ${studies && studies.length === 0 && html`<p class="muted" id="studies-none">None yet.</p>`}
    ${studies && studies.length > 0 && html`<table class="data" id="studies">
      <thead><tr><th scope="col">Study</th><th scope="col">State</th><th scope="col">Trials ended</th>
        <th scope="col">Best</th></tr></thead>
      <tbody>${studies.map(s => html`<tr key=${s.studyId}><td><a href=${href('studies', s.studyId)}>${s.studyId}</a></td>
        <td>${s.state.toLowerCase()}</td>
        <td class="num">${s.trials.filter(t => ['COMPLETED', 'STOPPED', 'FAILED'].includes(t.state)).length} of ${s.trials.length}</td>
        <td>${s.bestTrial == null ? '–' : `t${s.bestTrial}: ${s.bestValue?.toFixed(3)}`}</td></tr>`)}</tbody>
    </table>`}
  </section>`;
}

export function StudiesView({ route }) {
  return route.id ? html`<${StudyDetail} id=${route.id} />` : html`<${StudyList} />`;
}
