// TensorBoard's chart settings, kept in the URL: smoothing, the x axis (step, relative or wall time), log scale.
import { html } from 'htm/preact';
import { setParams } from '../router.js';

export function chartSettings(route) {
  const smoothing = Number(route.params.get('smoothing') ?? 0.6);
  return {
    smoothing: Number.isFinite(smoothing) ? Math.min(0.99, Math.max(0, smoothing)) : 0.6,
    xAxis: ['step', 'relative', 'wall'].includes(route.params.get('x')) ? route.params.get('x') : 'step',
    log: route.params.get('log') === '1',
  };
}

export function ChartControls({ route }) {
  const settings = chartSettings(route);
  return html`<div class="toolbar" role="group" aria-label="chart settings">
    <label>Smoothing <input id="smoothing" type="range" min="0" max="0.99" step="0.01" value=${settings.smoothing}
      onInput=${e => setParams(route, { smoothing: e.target.value })} />
      <output for="smoothing">${settings.smoothing.toFixed(2)}</output></label>
    <label>Horizontal axis <select id="x-axis" value=${settings.xAxis} onChange=${e => setParams(route, { x: e.target.value })}>
      <option value="step">step</option><option value="relative">relative time</option>
      <option value="wall">wall time</option></select></label>
    <label><input id="log-scale" type="checkbox" checked=${settings.log}
      onChange=${e => setParams(route, { log: e.target.checked ? '1' : '' })} /> log scale</label>
  </div>`;
}
