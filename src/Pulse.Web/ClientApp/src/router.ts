import { useEffect, useState } from 'preact/hooks';

/** The UI's places, addressed by the hash: #/agent, #/agent/{customerId}, #/marketing, #/operator. */
export type Route =
  | { view: 'agent'; customerId?: string }
  | { view: 'marketing' }
  | { view: 'operator' };

export const DEFAULT_HASH = '#/agent';

export function parseHash(hash: string): Route | undefined {
  if (!hash.startsWith('#/')) {
    return undefined;
  }
  const [head, ...rest] = hash.slice(2).split('/');
  switch (head) {
    case 'agent': {
      const encoded = rest.join('/');
      if (!encoded) {
        return { view: 'agent' };
      }
      try {
        const customerId = decodeURIComponent(encoded);
        return customerId.trim() ? { view: 'agent', customerId } : { view: 'agent' };
      } catch {
        return { view: 'agent' };
      }
    }
    case 'marketing':
      return { view: 'marketing' };
    case 'operator':
      return { view: 'operator' };
    default:
      return undefined;
  }
}

export const customerHref = (customerId: string) => `#/agent/${encodeURIComponent(customerId)}`;

export function navigate(hash: string) {
  if (location.hash !== hash) {
    location.hash = hash;
  }
}

/** The current route; an empty or unknown hash becomes #/agent without a history entry. */
export function useRoute(): Route {
  const read = (): Route => {
    const route = parseHash(location.hash);
    if (route) {
      return route;
    }
    history.replaceState(null, '', `${location.pathname}${location.search}${DEFAULT_HASH}`);
    return { view: 'agent' };
  };
  const [route, setRoute] = useState<Route>(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
