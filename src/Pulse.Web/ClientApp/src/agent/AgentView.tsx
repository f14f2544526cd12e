import { useEffect, useRef, useState } from 'preact/hooks';
import { useLiveStatus } from '../live';
import { customerHref, navigate } from '../router';
import { CustomerView } from './CustomerCard';

/** The agent's desk: find a customer by id, and their live card. */
export function AgentView({ customerId }: { customerId: string | undefined }) {
  const [query, setQuery] = useState(customerId ?? '');
  const input = useRef<HTMLInputElement>(null);
  const status = useLiveStatus();

  useEffect(() => {
    setQuery(customerId ?? '');
    document.title = customerId ? `${customerId} · Agent · Pulse` : 'Agent · Pulse';
  }, [customerId]);

  const submit = (event: Event) => {
    event.preventDefault();
    // The input itself, not the last render's state: a submit may follow the last keystroke at once.
    const id = (input.current?.value ?? query).trim();
    if (!id) {
      input.current?.focus();
      return;
    }
    navigate(customerHref(id));
  };

  return (
    <div class="view agent-view">
      <div class="toolbar">
        <form class="search" role="search" onSubmit={submit} aria-describedby="search-hint">
          <label for="customer-search">Customer id</label>
          <div class="search-row">
            <input
              id="customer-search"
              ref={input}
              data-testid="customer-search"
              type="search"
              autoComplete="off"
              spellcheck={false}
              placeholder="e.g. C-10042"
              value={query}
              onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
              maxLength={200}
            />
            <button type="submit" class="button button-primary" data-testid="customer-search-submit">
              Open card
            </button>
          </div>
          <p id="search-hint" class="hint">
            Search is by customer id for now; search by email or name comes with identity lookup.
          </p>
        </form>
        <LiveIndicator status={status} />
      </div>
      {customerId ? (
        <CustomerView key={customerId} customerId={customerId} />
      ) : (
        <div class="empty-state">
          <h2>Open a customer</h2>
          <p class="muted">Enter a customer id to see their value, risk, sentiment, segment, network and what happened lately, live.</p>
        </div>
      )}
    </div>
  );
}

function LiveIndicator({ status }: { status: 'live' | 'reconnecting' }) {
  return (
    <p class={`live-status live-${status}`} role="status" title={status === 'live' ? 'Updates arrive as they happen' : 'Connecting to live updates'}>
      <span class="live-dot" aria-hidden="true" />
      <span data-testid="live-status">{status === 'live' ? 'live' : 'reconnecting…'}</span>
    </p>
  );
}
