import { useEffect, useState } from 'preact/hooks';
import { onSignInNeeded } from './access';
import { AgentView } from './agent/AgentView';
import { MarketingView } from './marketing/MarketingView';
import { OperationsView } from './operations/OperationsView';
import { useRoute, type Route } from './router';
import { SignIn } from './SignIn';

const links: Array<{ view: Route['view']; href: string; label: string }> = [
  { view: 'agent', href: '#/agent', label: 'Agent' },
  { view: 'marketing', href: '#/marketing', label: 'Marketing' },
  { view: 'operator', href: '#/operator', label: 'Operations' },
];

/** Moves focus to the main region without touching the hash (the hash is the route). */
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

export function App() {
  const route = useRoute();
  const [signingIn, setSigningIn] = useState(false);
  useEffect(() => onSignInNeeded(() => setSigningIn(true)), []);
  return (
    <>
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="#/agent" aria-label="Pulse, agent view">
          <svg viewBox="0 0 16 16" width="22" height="22" aria-hidden="true">
            <rect width="16" height="16" rx="3" fill="currentColor" />
            <path d="M2 9h3l2-5 2 8 2-4h3" fill="none" stroke="white" stroke-width="1.6" stroke-linejoin="round" />
          </svg>
          <span>Pulse</span>
        </a>
        <nav aria-label="Views">
          <ul>
            {links.map((link) => (
              <li key={link.view}>
                <a href={link.href} aria-current={route.view === link.view ? 'page' : undefined} data-testid={`nav-${link.view}`}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {signingIn && <SignIn />}
        {!signingIn && route.view === 'agent' && <AgentView customerId={route.customerId} />}
        {!signingIn && route.view === 'marketing' && <MarketingView />}
        {!signingIn && route.view === 'operator' && <OperationsView />}
      </main>
    </>
  );
}
