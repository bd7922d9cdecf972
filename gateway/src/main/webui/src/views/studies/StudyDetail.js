// One study: its trials (settings, state, measured checkpoints, objective, why a rule stopped it), the objective
// against each setting, and a link comparing the trials' curves. It refreshes while the study runs.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Problem } from '../../components/Problem.js';
import { href } from '../../router.js';
import { ObjectivePlot } from './ObjectivePlot.js';

// What the study's values are: its figure (FCD is better lower, the others higher) and where a trial's is read.
function figureName(study) {
  if (!study.objectiveFigure) return 'objective';
  return study.objectiveFigure === 'fcd' ? 'FCD' : study.objectiveFigure;
}

function objectiveName(study) {
  return study.objectiveFigure ? `${figureName(study)} at its ${study.objectiveAt} checkpoint` : 'objective';
}

function objectiveHint(study) {
  if (!study.objectiveFigure) return '';
  return study.objectiveFigure === 'fcd' ? ' (lower is better)' : ' (higher is better)';
}

function format(value) {
  return typeof value === 'number' && !Number.isInteger(value) ? value.toPrecision(3) : String(value);
}

export function StudyDetail({ id }) {
  const [study, setStudy] = useState(null);
  const [problem, setProblem] = useState(null);
  useEffect(() => {
    let timer = null;
    const refresh = async () => {
      try {
        const now = await api(`/api/v1/studies/${id}`);
        setStudy(now);
        setProblem(null);
        if (now.state !== 'COMPLETED') timer = setTimeout(refresh, 3000);
      } catch (error) {
        setProblem(error);
      }
    };
    refresh();
    return () => clearTimeout(timer);
  }, [id]);
  if (problem) return html`<${Problem} id="study-problem" error=${problem} />`;
  if (!study) return html`<p class="muted">Loading…</p>`;
  const settings = Object.keys(study.trials[0]?.settings ?? {});
  const started = study.trials.filter(t => t.state !== 'WAITING').map(t => t.runId);
  const objective = objectiveName(study);
  return html`<article class="card" aria-labelledby="study-title">
    <h2 id="study-title">${study.studyId} <span class="count">${study.state.toLowerCase()}</span></h2>
    ${study.message && html`<p id="study-message">${study.message}${study.registeredVersion
      ? `; registered as version ${study.registeredVersion}` : ''}</p>`}
    ${started.length > 1 && html`<p><a href=${href('compare', null, { runs: started.join(',') })}>
      Compare the trials' curves</a></p>`}
    <p class="muted" id="study-objective">Objective: ${objective}${objectiveHint(study)}. Grey dots: trials their
      rule stopped.</p>
    <div class="plots">${settings.map(s => html`<${ObjectivePlot} key=${s} setting=${s} trials=${study.trials}
      figure=${figureName(study)}
      best=${study.bestTrial} />`)}</div>
    <div class="table-scroll"><table class="data" id="trials">
      <thead><tr><th scope="col">Trial</th>${settings.map(s => html`<th scope="col">${s}</th>`)}
        <th scope="col">State</th><th scope="col">Measured</th><th scope="col">${objective}</th>
        <th scope="col">Stopped</th></tr></thead>
      <tbody>${study.trials.map(t => html`<tr key=${t.index} class=${t.index === study.bestTrial ? 'best' : ''}>
        <td>${t.state === 'WAITING' ? `t${t.index}` : html`<a href=${href('runs', t.runId)}>t${t.index}</a>`}
          ${t.index === study.bestTrial && html` <span class="badge">best</span>`}</td>
        ${settings.map(s => html`<td class="num">${format(t.settings[s])}</td>`)}
        <td>${t.state.toLowerCase()}</td><td class="num">${t.measured}</td>
        <td class="num">${t.value == null ? '–' : t.value.toFixed(3)}</td>
        <td>${t.reason ?? ''}</td></tr>`)}</tbody>
    </table></div>
  </article>`;
}
