// A checkpoint's quality figures in words, and per class.
import { html } from 'htm/preact';

export const percent = share => (share === null || share === undefined ? '–' : `${(100 * share).toFixed(1)}%`);
export const fixed = (value, digits = 2) => (value === null || value === undefined ? '–' : value.toFixed(digits));

export function Figures({ quality, best }) {
  if (!quality) return html`<p class="muted" id="figures">Not measured yet (the evaluator measures every checkpoint).</p>`;
  return html`<dl class="figures" id="figures">
    <div><dt>label accuracy</dt><dd>${percent(quality.accuracy)}</dd></div>
    <div><dt>FCD</dt><dd>${fixed(quality.fcd)}${best ? ' (best)' : ''}</dd></div>
    <div><dt>precision</dt><dd>${percent(quality.precision)}</dd></div>
    <div><dt>recall</dt><dd>${percent(quality.recall)}</dd></div>
    <div><dt>class entropy</dt><dd>${fixed(quality.classEntropyBits)} bits</dd></div>
    <div><dt>measured on</dt><dd>${quality.images} generated images</dd></div>
  </dl>`;
}

export function ClassAccuracy({ quality, classes }) {
  if (!quality || !quality.classAccuracy || quality.classAccuracy.length === 0) return null;
  return html`<ul class="bars" aria-label="label accuracy per class">
    ${quality.classAccuracy.map((share, i) => html`<li>
      <span class="bar-label">${classes[i]}</span>
      <span class="bar"><span style=${`width: ${(100 * share).toFixed(1)}%`}></span></span>
      <span class="bar-value">${percent(share)}</span></li>`)}
  </ul>`;
}
