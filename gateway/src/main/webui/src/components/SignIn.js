// The key: a link from ./gan up brings it in the URL's fragment (never sent to a server), or a person types it.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { useObservable } from '../data/observable.js';
import { role as currentRole, signIn, signOut } from '../data/session.js';

export function SignIn({ onChange }) {
  const role = useObservable(currentRole);
  const [problem, setProblem] = useState(null);
  if (role === 'READER' || role === 'OPERATOR') {
    return html`<div class="signed-in"><span id="role">${role === 'OPERATOR' ? 'operator' : 'reader (read only)'}</span>
      <button type="button" class="small" onClick=${() => signOut().then(onChange)}>Sign out</button></div>`;
  }
  const submit = async event => {
    event.preventDefault();
    try { await signIn(new FormData(event.target).get('key')); setProblem(null); onChange(); }
    catch { setProblem('that key is not known'); }
  };
  return html`<form id="key" class="sign-in" onSubmit=${submit}>
    <label for="key-input">API key</label>
    <input id="key-input" name="key" type="password" autocomplete="off" placeholder="./gan up prints one" />
    <button>Sign in</button>
    ${problem && html`<span class="problem" role="alert" id="key-problem">${problem}</span>`}
  </form>`;
}
