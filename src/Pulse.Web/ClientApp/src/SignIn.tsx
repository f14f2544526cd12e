import { useState } from 'preact/hooks';
import { getJson } from './api';
import { signIn } from './access';

/** Asks for an API key (the local profile prints an admin key when it starts) and checks it before keeping it. */
export function SignIn() {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (!key.trim()) {
      setProblem('Paste an API key: pulse_…');
      return;
    }
    setChecking(true);
    signIn(key);
    // Any role may read something; only a key the server does not know answers 401 everywhere.
    const probe = await getJson<unknown>('/api/v1/segments');
    setChecking(false);
    if (!probe.ok && probe.status === 401) {
      setProblem('That key was not accepted: it is unknown, revoked, or mistyped.');
      return;
    }
    window.location.reload();
  }

  return (
    <section class="sign-in" aria-labelledby="sign-in-title" data-testid="sign-in">
      <h1 id="sign-in-title">Sign in</h1>
      <p>Pulse needs an API key. Starting Pulse locally prints an admin key on the console.</p>
      <form onSubmit={submit}>
        <label for="sign-in-key">API key</label>
        <input
          id="sign-in-key"
          type="password"
          autocomplete="off"
          value={key}
          onInput={(e) => setKey((e.target as HTMLInputElement).value)}
          data-testid="sign-in-key"
        />
        <button type="submit" disabled={checking} data-testid="sign-in-submit">
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      {problem && (
        <p role="alert" class="problem" data-testid="sign-in-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
