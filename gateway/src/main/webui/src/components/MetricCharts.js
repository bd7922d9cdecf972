// The panels of figures a run has, one chart per figure with a line per run (TensorBoard's scalars): the trainer's
// losses, discriminator outputs and speed, and the evaluator's quality of each checkpoint.
import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { loadMetrics, loadQuality, seriesOf } from '../data/series.js';
import { Chart, colourOf } from './Chart.js';
import { smooth } from './smoothing.js';

export const PANELS = [
  { figure: 'lossD', title: 'loss_D', source: 'metrics' },
  { figure: 'lossG', title: 'loss_G', source: 'metrics' },
  { figure: 'dReal', title: 'D(x): real images judged real', source: 'metrics' },
  { figure: 'dFake', title: 'D(G(z)): fakes judged real', source: 'metrics' },
  { figure: 'accuracy', title: 'label accuracy (reference classifier)', source: 'quality' },
  { figure: 'fcd', title: 'FCD to real images (lower is better)', source: 'quality' },
  { figure: 'precision', title: 'precision', source: 'quality' },
  { figure: 'recall', title: 'recall', source: 'quality' },
  { figure: 'imagesPerSecond', title: 'images per second', source: 'metrics' },
];

/** Redraws at most this often while points stream in: a frame stays cheap however fast they come. */
const REDRAW_MILLIS = 500;

/** The runs' series and a counter that moves when any of them changed (at most every REDRAW_MILLIS). */
function useSeries(runIds) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    runIds.forEach(runId => { loadMetrics(runId); loadQuality(runId); });
    let timer = null;
    const later = () => {
      if (timer === null) timer = setTimeout(() => { timer = null; setTick(t => t + 1); }, REDRAW_MILLIS);
    };
    const unfollow = runIds.map(runId => seriesOf(runId).changes.follow(later));
    setTick(t => t + 1);
    return () => { unfollow.forEach(stop => stop()); clearTimeout(timer); };
  }, [runIds.join(',')]);
  return [runIds.map(seriesOf), tick];
}

function xValues(columns, xAxis) {
  // copies: the series grow in place, and a chart must keep the arrays it was given
  if (xAxis === 'step') return columns.step.slice();
  if (xAxis === 'wall') return columns.time.slice();
  const start = columns.time[0] || 0;
  return columns.time.map(t => (t - start) / 60);
}

/** The step of a run at x on the chart's axis (its nearest point), for a click on a time axis. */
function stepAt(series, xAxis, x) {
  if (xAxis === 'step') return x;
  const xs = xValues(series.metrics, xAxis);
  let best = 0;
  xs.forEach((value, i) => { if (Math.abs(value - x) < Math.abs(xs[best] - x)) best = i; });
  return series.metrics.step[best] ?? null;
}

function linesOf(all, panel, smoothing, xAxis) {
  return all.map((series, i) => {
    const columns = series[panel.source];
    return { label: series.runId, stroke: colourOf(i), x: xValues(columns, xAxis),
      y: panel.source === 'metrics' ? smooth(columns[panel.figure].slice(), smoothing) : columns[panel.figure].slice() };
  });
}

export function MetricCharts({ runIds, smoothing = 0, xAxis = 'step', log = false, step = null, onPickStep }) {
  const [all, tick] = useSeries(runIds);
  // new lines only when the data or the settings change: a page re-rendered for another reason redraws no chart
  const panels = useMemo(() => PANELS.map(panel => ({ panel, lines: linesOf(all, panel, smoothing, xAxis) })),
    [tick, runIds.join(','), smoothing, xAxis]);
  const marker = step === null || xAxis !== 'step' ? null : step;
  return html`<div class="charts">
    ${panels.map(({ panel, lines }) => {
      const logged = log && panel.figure !== 'dReal' && panel.figure !== 'dFake';
      return html`<${Chart} key=${panel.figure} id=${'chart-' + panel.figure} title=${panel.title} lines=${lines}
        xAxis=${xAxis} log=${logged} marker=${marker}
        onPick=${onPickStep && (x => onPickStep(stepAt(all[0], xAxis, x)))} />`;
    })}
  </div>`;
}
