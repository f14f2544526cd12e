import { useEffect, useState } from 'preact/hooks';
import { withAccessToken } from '../access';
import { shortWhen, when } from '../format';
import { customerHref } from '../router';
import type { FiredTrigger } from '../types';

/** Firings kept on screen, newest first. */
export const FEED_KEEP = 200;

type FeedStatus = 'connecting' | 'live' | 'retrying';

/**
 * The live feed of firings: server-sent events from /api/v1/triggers/feed (event "firing", data the
 * FiredTrigger, id its feed position). EventSource resumes by itself after a drop (sending
 * Last-Event-ID); when the server refuses the stream outright (503, no feed here), we try again
 * later from the last position seen.
 */
export function TriggerFeed() {
  const [items, setItems] = useState<FiredTrigger[]>([]);
  const [status, setStatus] = useState<FeedStatus>('connecting');

  useEffect(() => {
    let source: EventSource | undefined;
    let lastId: string | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;

    const onFiring = (event: MessageEvent<string>) => {
      if (event.lastEventId) {
        lastId = event.lastEventId;
      }
      let firing: FiredTrigger;
      try {
        firing = JSON.parse(event.data) as FiredTrigger;
      } catch {
        return;
      }
      if (!firing || typeof firing.idempotencyKey !== 'string') {
        return;
      }
      setItems((current) => [firing, ...current.filter((f) => f.idempotencyKey !== firing.idempotencyKey)].slice(0, FEED_KEEP));
    };

    const open = () => {
      if (closed) {
        return;
      }
      setStatus('connecting');
      source = new EventSource(withAccessToken(lastId ? `/api/v1/triggers/feed?after=${encodeURIComponent(lastId)}` : '/api/v1/triggers/feed'));
      source.addEventListener('firing', onFiring as EventListener);
      source.onopen = () => setStatus('live');
      source.onerror = () => {
        if (!source || source.readyState === EventSource.CLOSED) {
          source?.close();
          setStatus('retrying');
          retry = setTimeout(open, 5_000);
        } else {
          setStatus('retrying');
        }
      };
    };

    open();
    return () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
    };
  }, []);

  return (
    <section class="panel span-7" aria-labelledby="feed-heading">
      <div class="panel-title-row">
        <h2 id="feed-heading">Live trigger feed</h2>
        <span class={`live-status live-${status === 'live' ? 'live' : 'reconnecting'} small`} role="status" data-testid="trigger-feed-status">
          <span class="live-dot" aria-hidden="true" />
          {status === 'live' ? 'live' : status === 'connecting' ? 'connecting…' : 'reconnecting…'}
        </span>
        <span class="muted small">newest first, last {FEED_KEEP} kept</span>
      </div>
      <ol class="feed" data-testid="trigger-feed" aria-label="Firings as they happen, newest first">
        {items.map((f) => (
          <li key={f.idempotencyKey} data-firing-key={f.idempotencyKey} class="feed-item">
            <time dateTime={f.firedAt} title={when(f.firedAt)} class="num muted">
              {shortWhen(f.firedAt)}
            </time>
            <strong class="rule-id">{f.ruleId}</strong>
            <a href={customerHref(f.customerId)} class="customer-link">
              {f.customerId}
            </a>
            <span class="why">{f.why}</span>
          </li>
        ))}
      </ol>
      {items.length === 0 && <p class="muted small">Waiting for rules to fire…</p>}
    </section>
  );
}
