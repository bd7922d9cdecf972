// The objective against one setting, a dot per measured trial (W&B's parallel view, one axis at a time): where in the
// space the good trials are. Names (a model, a data set) are spread evenly along the axis.
import { html } from 'htm/preact';

const WIDTH = 260;
const HEIGHT = 150;
const PAD = 28;

function scale(values) {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return value => (max === min ? 0.5 : (value - min) / (max - min));
}

export function ObjectivePlot({ setting, trials, figure, best }) {
  const measured = trials.filter(t => t.value != null);
  if (measured.length === 0) return null;
  const raw = measured.map(t => t.settings[setting]);
  const names = typeof raw[0] === 'string' ? [...new Set(raw)] : null;
  const xs = raw.map(v => (names ? names.indexOf(v) : Number(v)));
  const x = scale(xs);
  const y = scale(measured.map(t => t.value));
  return html`<figure class="objective-plot">
    <svg viewBox=${`0 0 ${WIDTH} ${HEIGHT}`} role="img"
      aria-label=${`${figure} against ${setting}, one dot per measured trial`}>
      <line x1=${PAD} y1=${HEIGHT - PAD} x2=${WIDTH - 8} y2=${HEIGHT - PAD} class="axis" />
      <line x1=${PAD} y1="8" x2=${PAD} y2=${HEIGHT - PAD} class="axis" />
      ${measured.map((t, i) => html`<circle cx=${PAD + x(xs[i]) * (WIDTH - PAD - 16)}
        cy=${HEIGHT - PAD - y(t.value) * (HEIGHT - PAD - 16)} r="4"
        class=${t.index === best ? 'dot best' : t.stoppedAtRung ? 'dot stopped' : 'dot'}>
        <title>trial ${t.index}: ${setting} ${raw[i]}, ${figure} ${t.value.toFixed(3)}</title></circle>`)}
    </svg>
    <figcaption>${figure} against ${setting}</figcaption>
  </figure>`;
}
