// Where the images of each requested class went, as a heat map: row = the class asked for, column = the class the
// reference classifier saw; each cell is shaded by its share of its row.
import { html } from 'htm/preact';

export function ConfusionMatrix({ confusion, classes }) {
  if (!confusion || confusion.length === 0) return null;
  return html`<table class="confusion" id="confusion">
    <caption>Confusion: rows are the class asked for, columns the class recognised</caption>
    <thead><tr><th scope="col">asked \\ seen</th>${classes.map(name => html`<th scope="col">${name}</th>`)}</tr></thead>
    <tbody>${confusion.map((row, asked) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      return html`<tr><th scope="row">${classes[asked]}</th>${row.map((count, seen) => {
        const share = count / total;
        const hue = asked === seen ? '142 70% 30%' : '0 70% 40%';
        const light = share > 0.55;
        return html`<td style=${`background: hsl(${hue} / ${share.toFixed(3)}); color: ${light ? '#fff' : 'inherit'}`}
          title=${`${classes[asked]} seen as ${classes[seen]}: ${count} of ${total}`}>${count}</td>`;
      })}</tr>`;
    })}</tbody>
  </table>`;
}
