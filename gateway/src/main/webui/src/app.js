// The shell: navigation, sign-in, the live connection's state, and the view the URL names.
import { html } from 'htm/preact';
import { connected } from './data/live.js';
import { useObservable } from './data/observable.js';
import { role as currentRole } from './data/session.js';
import { SignIn } from './components/SignIn.js';
import { href, useRoute } from './router.js';
import { VIEWS } from './views/index.js';

export function App({ onSignIn }) {
  const route = useRoute();
  const role = useObservable(currentRole);
  const live = useObservable(connected);
  const view = VIEWS.find(v => v.name === route.view) ?? VIEWS[0];
  const Shown = route.id && view.item ? view.item : view.list;
  const signedIn = role === 'READER' || role === 'OPERATOR';
  return html`<a class="skip" href="#main" onClick=${e => { e.preventDefault(); document.getElementById('main').focus(); }}>Skip to content</a>
  <header class="top">
    <a class="brand" href="#/runs">ganflow</a>
    <nav aria-label="views"><ul>${VIEWS.map(v => html`<li><a href=${href(v.name)}
      aria-current=${v === view ? 'page' : undefined}>${v.title}</a></li>`)}</ul></nav>
    <span class=${live ? 'live on' : 'live'} id="live" title="live updates">${live === null ? 'connecting' : live ? 'live' : 'reconnecting'}</span>
    <${SignIn} onChange=${onSignIn} />
    <nav aria-label="interfaces" class="docs"><a href="/q/swagger-ui">REST API</a> <a href="/asyncapi.html">Kafka interface</a></nav>
  </header>
  <main id="main" tabindex="-1">
    ${role === null ? html`<p class="muted">Loading…</p>`
      : signedIn ? html`<${Shown} key=${view.name + (route.id || '')} route=${route} />`
        : html`<section class="card"><h1>Sign in</h1><p>Enter an API key above: <code>./gan up</code> prints an operator's
          key and a link that signs you in. A reader key may look at everything and change nothing.</p></section>`}
  </main>`;
}
