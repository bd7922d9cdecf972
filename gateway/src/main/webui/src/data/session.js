// Who is looking: the key travels as an HttpOnly cookie set by POST /api/v1/session, so images and event streams
// carry it too; GET /api/v1/session says the key's role, and operator-only controls show only to operators.
import { api } from '../api.js';
import { observable } from './observable.js';

/** null while unknown, 'NONE' without a key, else 'READER' or 'OPERATOR'. */
export const role = observable(null);

export async function refreshRole() {
  try {
    role.set((await api('/api/v1/session')).role);
  } catch {
    role.set('NONE');
  }
  return role.get();
}

export async function signIn(key) {
  const signedIn = await api('/api/v1/session', { method: 'POST', headers: { 'X-API-Key': key } });
  role.set(signedIn.role);
  return signedIn.role;
}

export async function signOut() {
  await api('/api/v1/session', { method: 'DELETE' });
  role.set('NONE');
}

export const isOperator = current => current === 'OPERATOR';
