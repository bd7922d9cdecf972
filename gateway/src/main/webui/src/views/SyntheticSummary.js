// A synthetic data set job in one line: progress, then the download, the checkpoint's figures and the score.
import { html } from 'htm/preact';
import { fixed, percent } from '../components/Figures.js';

export function SyntheticSummary({ job, ids = true }) {
  const active = !['DONE', 'FAILED', 'CANCELLED'].includes(job.state);
  const score = job.score;
  return html`<div class="synthetic-job" data-request=${job.requestId}>
    ${active && html`<progress id=${ids ? 'synthetic-progress' : undefined} max=${job.total || 1} value=${job.generated}
      aria-label="images generated"></progress>`}
    <span class=${'state state-' + job.state.toLowerCase()}>${job.state}</span>
    <span>${job.state === 'DONE' ? `${job.total} images from step ${job.step}, ${Math.ceil(job.bytes / 1024)} KiB` : job.message}</span>
    ${job.quality?.accuracy != null && html`<span>checkpoint: ${percent(job.quality.accuracy)} recognised, FCD ${fixed(job.quality.fcd, 1)}</span>`}
    ${job.state === 'DONE' && html`<a id=${ids ? 'synthetic-download' : undefined} class="synthetic-download" href=${job.downloadUrl} download>download</a>`}
    ${score && html`<span id=${ids ? 'synthetic-score' : undefined} class="synthetic-score">${score.state === 'DONE'
      ? `accuracy score: a classifier trained on it ${percent(score.syntheticAccuracy)}, on as many real images ${percent(score.realAccuracy)} (${score.heldOutImages} real test images)`
      : `accuracy score ${score.state.toLowerCase()}: ${score.message}`}</span>`}
  </div>`;
}
