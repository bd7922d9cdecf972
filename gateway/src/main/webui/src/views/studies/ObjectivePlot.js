// The objective against one setting, a dot per measured trial (W&B's parallel view, one axis at a time): where in the
// space the good trials are. Names (a model, a data set) are spread evenly along the axis; each axis is labelled at its
// ends (the names at their places), so that a dot can be read without hovering.
import { html } from 'htm/preact';

const WIDTH = 280;
const HEIGHT = 160;
const LEFT = 44;
const BOTTOM = 30;
const TOP = 8;
const RIGHT = 12;
const INSET = 10;

function scale(values) {
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { min, max, at: value => (max === min ? 0.5 : (value - min) / (max - min)) };
}

function label(value) {
  return typeof value === 'number' && !Number.isInteger(value) ? value.toPrecision(3) : String(value);
}

export function ObjectivePlot({ setting, trials, figure, best }) {
  const measured = trials.filter(t => t.value != null);
  if (measured.length === 0) return null;
  const raw = measured.map(t => t.settings[setting]);
  const names = typeof raw[0] === 'string' ? [...new Set(raw)] : null;
  const xs = raw.map(v => (names ? names.indexOf(v) : Number(v)));
  const x = scale(xs);
  const y = scale(measured.map(t => t.value));
  // dots stay an INSET inside the axes, so that none sits on an axis or under a tick's label
  const px = v => LEFT + INSET + x.at(v) * (WIDTH - LEFT - RIGHT - 2 * INSET);
  const py = v => HEIGHT - BOTTOM - INSET - y.at(v) * (HEIGHT - BOTTOM - TOP - 2 * INSET);
  const xTicks = names
    ? names.map((name, i) => ({ at: px(i), text: name }))
    : [...new Set([x.min, x.max])].map(v => ({ at: px(v), text: label(v) }));
  const yTicks = [...new Set([y.min, y.max])].map(v => ({ at: py(v), text: label(v) }));
  return html`<figure class="objective-plot">
    <svg viewBox=${`0 0 ${WIDTH} ${HEIGHT}`} role="img"
      aria-label=${`${figure} against ${setting}, one dot per measured trial`}>
      <line x1=${LEFT} y1=${HEIGHT - BOTTOM} x2=${WIDTH - RIGHT} y2=${HEIGHT - BOTTOM} class="axis" />
      <line x1=${LEFT} y1=${TOP} x2=${LEFT} y2=${HEIGHT - BOTTOM} class="axis" />
      ${xTicks.map(t => html`<text x=${t.at} y=${HEIGHT - BOTTOM + 14} class="tick" text-anchor="middle">${t.text}</text>`)}
      ${yTicks.map(t => html`<text x=${LEFT - 4} y=${t.at + 4} class="tick" text-anchor="end">${t.text}</text>`)}
      ${measured.map((t, i) => html`<circle cx=${px(xs[i])} cy=${py(t.value)} r="4"
        class=${t.index === best ? 'dot best' : t.stoppedAtRung ? 'dot stopped' : 'dot'}>
        <title>trial ${t.index}: ${setting} ${raw[i]}, ${figure} ${t.value.toFixed(3)}</title></circle>`)}
    </svg>
    <figcaption>${figure} against ${setting}</figcaption>
  </figure>`;
}
