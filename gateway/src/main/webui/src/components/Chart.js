// One chart of several lines (uPlot): resizes with its box, reads out every line's value under the cursor in its
// legend, marks the step shown, and tells which x was clicked.
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HEIGHT = 220;

function aligned(lines, log) {
  const tables = lines.map(line => [line.x, log ? line.y.map(v => (v > 0 ? v : null)) : line.y]);
  if (tables.length === 0) return [[]];
  return tables.length === 1 ? tables[0] : uPlot.join(tables);
}

function markerPlugin(markerRef) {
  return {
    hooks: {
      draw: u => {
        const x = markerRef.current;
        if (x === null || x === undefined) return;
        const left = u.valToPos(x, 'x', true);
        const { ctx, bbox } = u;
        ctx.save();
        ctx.strokeStyle = '#d97706';
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
        ctx.beginPath();
        ctx.moveTo(left, bbox.top);
        ctx.lineTo(left, bbox.top + bbox.height);
        ctx.stroke();
        ctx.restore();
      },
    },
  };
}

/**
 * @param lines [{label, stroke, x, y}] already smoothed; x in steps, minutes or seconds of the epoch (wall time)
 * @param xAxis 'step' | 'relative' | 'wall'
 */
export function Chart({ id, title, lines, xAxis = 'step', log = false, marker = null, onPick }) {
  const box = useRef(null);
  const plot = useRef(null);
  const markerRef = useRef(marker);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  markerRef.current = marker;
  const empty = !lines.some(line => line.x.length > 0);
  const shape = `${lines.map(l => l.label).join('|')}/${xAxis}/${log}/${empty}`;

  useEffect(() => {
    if (empty) return undefined; // uPlot cannot lay out axes without a range
    const options = {
      width: Math.max(200, box.current.clientWidth),
      height: HEIGHT,
      scales: { x: { time: xAxis === 'wall' }, y: log ? { distr: 3 } : {} },
      axes: [{ label: { step: 'step', relative: 'minutes', wall: '' }[xAxis] }, {}],
      series: [{ label: { step: 'step', relative: 'min', wall: 'time' }[xAxis] },
        ...lines.map(line => ({ label: line.label, stroke: line.stroke, width: 1.5, spanGaps: true, points: { show: false } }))],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      plugins: [markerPlugin(markerRef)],
    };
    const u = new uPlot(options, aligned(lines, log), box.current);
    u.over.addEventListener('click', () => {
      const index = u.cursor.idx;
      if (index !== null && index !== undefined && pickRef.current) pickRef.current(u.data[0][index]);
    });
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, box.current.clientWidth), height: HEIGHT }));
    resize.observe(box.current);
    return () => { resize.disconnect(); u.destroy(); plot.current = null; };
  }, [shape]);

  useEffect(() => {
    if (!plot.current) return;
    plot.current.setData(aligned(lines, log));
    // the browser test reads how long the first curve took to appear
    if (lines.some(line => line.x.length > 0) && performance.getEntriesByName('first-chart').length === 0) {
      performance.mark('first-chart');
    }
  }, [lines]);
  useEffect(() => { if (plot.current) plot.current.redraw(false); }, [marker]);

  return html`<figure class="chart" id=${id} aria-label=${title}>
    <figcaption>${title}</figcaption>
    ${empty && html`<p class="muted no-points">no points yet</p>`}
    <div ref=${box} class="chart-box"></div>
  </figure>`;
}

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#c026d3', '#65a30d', '#b45309',
  '#4f46e5', '#e11d48', '#0d9488', '#7c3aed', '#ca8a04', '#0284c7', '#be123c', '#15803d', '#a21caf', '#57534e', '#1d4ed8'];

export const colourOf = index => PALETTE[index % PALETTE.length];
