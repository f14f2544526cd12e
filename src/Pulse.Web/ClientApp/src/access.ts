/**
 * The API key the UI sends (docs/security.md). Kept in sessionStorage: it lasts as long as the tab, not on disk
 * beyond it. With access control off the server never answers 401 and the UI never asks for a key.
 */
const storageKey = 'pulse.apiKey';
const listeners = new Set<() => void>();

export function apiKey(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function signIn(key: string) {
  sessionStorage.setItem(storageKey, key.trim());
}

export function signOut() {
  sessionStorage.removeItem(storageKey);
  signInNeeded();
}

/** The headers that carry the key, when there is one. */
export function authHeaders(): Record<string, string> {
  const key = apiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** A URL for a browser stream (EventSource cannot send headers): the key in the query. */
export function withAccessToken(url: string): string {
  const key = apiKey();
  if (!key) {
    return url;
  }
  return `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(key)}`;
}

/** Called when the server answered 401: the app shows the sign-in. */
export function signInNeeded() {
  listeners.forEach((listener) => listener());
}

export function onSignInNeeded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
