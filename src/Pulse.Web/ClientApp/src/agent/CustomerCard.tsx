import type { ComponentChildren } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { Flash } from '../components/Flash';
import { churnColour, NetworkDrawing } from '../components/NetworkDrawing';
import { Sparkline } from '../components/Sparkline';
import { ago, count, day, finite, money, num, pct, shortWhen, signed, truncate, when, words } from '../format';
import { recordFirstPaints } from '../pulse-global';
import { customerHref } from '../router';
import type { CustomerProfile, Interaction, SegmentListing, TriggerFiringView } from '../types';
import { useCustomer, type CustomerState, type Loaded } from './useCustomer';

export function CustomerView({ customerId }: { customerId: string }) {
  const customer = useCustomer(customerId);

  if (customer.status === 'loading') {
    return (
      <section class="customer-view" data-customer-id={customerId} aria-busy="true">
        <p class="muted">Loading customer {customerId}…</p>
      </section>
    );
  }

  if (customer.status === 'error') {
    return (
      <section class="customer-view" data-customer-id={customerId}>
        <div class="notice notice-error" role="alert" data-testid="customer-error">
          <p>
            Customer <strong>{customerId}</strong> could not be loaded: {customer.message}
          </p>
          <button type="button" class="button" onClick={customer.reload}>
            Try again
          </button>
        </div>
      </section>
    );
  }

  if (customer.status === 'not-found' || !customer.profile) {
    return (
      <section class="customer-view" data-customer-id={customerId}>
        <div class="notice" data-testid="customer-not-found" role="status">
          <h2>No customer “{customerId}” yet</h2>
          <p>
            Pulse has not seen any interaction for this id. Check the id, or keep this page open: the card appears here as
            soon as the customer's first event arrives.
          </p>
        </div>
      </section>
    );
  }

  return <CustomerCard profile={customer.profile} state={customer} />;
}

function CustomerCard({ profile, state }: { profile: CustomerProfile; state: CustomerState }) {
  const interactions = state.interactions.state === 'ok' ? state.interactions.data : [];
  return (
    <article class="customer-card" data-testid="customer-card" data-customer-id={profile.customerId} aria-labelledby="customer-heading">
      <header class="card-header">
        <div>
          <h2 id="customer-heading">{profile.customerId}</h2>
          <p class="muted small">
            Customer since {day(profile.firstSeen)} · last seen <span title={when(profile.lastSeen)}>{ago(profile.lastSeen)}</span> ·{' '}
            <Flash value={count(profile.interactionCount)} testid="interaction-count" class="num" /> interactions
          </p>
        </div>
        <Attributes attributes={profile.attributes} />
      </header>

      <div class="card-grid">
        <ValuePanel profile={profile} />
        <ChurnPanel profile={profile} />
        <SentimentPanel profile={profile} interactions={interactions} />
        <TimelinePanel interactions={state.interactions} />
        <SegmentPanel profile={profile} segments={state.segments} />
        <FiringsPanel firings={state.firings} />
        <NetworkPanel profile={profile} state={state} />
      </div>
    </article>
  );
}

function Attributes({ attributes }: { attributes: Record<string, string> | undefined }) {
  const entries = Object.entries(attributes ?? {});
  if (entries.length === 0) {
    return null;
  }
  return (
    <dl class="chips" aria-label="Attributes">
      {entries.slice(0, 8).map(([name, value]) => (
        <div class="chip" key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Panel({ title, class: className, children, note }: { title: string; class?: string; children: ComponentChildren; note?: ComponentChildren }) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section class={`panel ${className ?? ''}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
      {note && <p class="panel-note">{note}</p>}
    </section>
  );
}

function Figure({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="figure">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ValuePanel({ profile }: { profile: CustomerProfile }) {
  const value = profile.value;
  const rfm = profile.rfm;
  return (
    <Panel
      title="Lifetime value"
      class="span-4"
      note={value ? `Model v${value.modelVersion} · next ${value.months} months, discounted ${pct(value.monthlyDiscountRate)} a month` : 'No lifetime-value model published yet, or no purchase so far.'}
    >
      <div class="headline" aria-live="polite">
        <Flash value={money(value?.lifetimeValue)} testid="clv" as="strong" class="big num" />
        <span class="muted small">
          95 % interval <Flash value={value ? `${money(value.lifetimeValueLower)} – ${money(value.lifetimeValueUpper)}` : '—'} testid="clv-interval" class="num" />
        </span>
      </div>
      <dl class="figures" aria-live="polite">
        <Figure label="P(alive)">
          <Flash value={pct(value?.probabilityAlive)} testid="p-alive" class="num" />
        </Figure>
        <Figure label="Expected purchases, 90 days">
          <Flash value={num(value?.expectedPurchases90Days, 2)} testid="expected-purchases" class="num" />
        </Figure>
        <Figure label="Repeat purchase days (F)">
          <Flash value={count(rfm?.frequency)} testid="rfm-frequency" class="num" />
        </Figure>
        <Figure label="Recency / age (days)">
          <Flash value={`${num(rfm?.recencyDays, 0)} / ${num(rfm?.tDays, 0)}`} testid="rfm-recency" class="num" />
        </Figure>
        <Figure label="Mean repeat spend (M)">
          <Flash value={money(rfm?.monetaryValue)} testid="rfm-monetary" class="num" />
        </Figure>
        <Figure label="Total spend / refunds">
          <Flash value={`${money(rfm?.totalSpend)} / ${money(rfm?.totalRefunds)}`} testid="total-spend" class="num" />
        </Figure>
      </dl>
    </Panel>
  );
}

function ChurnPanel({ profile }: { profile: CustomerProfile }) {
  const churn = profile.churn;
  const reasons = churn?.reasons ?? [];
  const p = finite(churn?.probability);
  const level = p === undefined ? 'unknown' : p >= 0.6 ? 'high' : p >= 0.3 ? 'medium' : 'low';
  const maxContribution = Math.max(...reasons.map((r) => Math.abs(finite(r.contribution) ?? 0)), 1e-9);
  return (
    <Panel title="Churn risk" class="span-4" note={churn ? `Model v${churn.modelVersion} · as of ${shortWhen(churn.asOf)}` : 'No churn model published yet.'}>
      <div class="headline" aria-live="polite">
        <Flash value={pct(churn?.probability)} testid="churn-risk" as="strong" class={`big num risk-${level}`} />
        <span class={`badge risk-${level}`}>{level === 'unknown' ? 'not scored' : `${level} risk`}</span>
      </div>
      <ul class="reasons" data-testid="churn-reasons" aria-label="Strongest reasons" aria-live="polite">
        {reasons.map((reason) => {
          const c = finite(reason.contribution) ?? 0;
          return (
            <li key={reason.feature} data-feature={reason.feature}>
              <span class="reason-text">{reason.text}</span>
              <span class={`reason-contribution ${c >= 0 ? 'up' : 'down'}`} title={c >= 0 ? 'raises the risk' : 'lowers the risk'}>
                <span class="reason-bar" style={{ width: `${Math.round((Math.abs(c) / maxContribution) * 48)}px` }} aria-hidden="true" />
                <span class="num">{signed(c, 2)}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}

function SentimentPanel({ profile, interactions }: { profile: CustomerProfile; interactions: Interaction[] }) {
  const sentiment = profile.sentiment;
  const scored = interactions.filter((i) => finite(i.sentiment) !== undefined);
  const series = scored.map((i) => i.sentiment as number).reverse();
  const latest = sentiment?.last ?? scored[0]?.sentiment;
  const trend = finite(sentiment?.trend);
  return (
    <Panel
      title="Sentiment"
      class="span-4"
      note={sentiment ? `Last text ${ago(sentiment.lastAt)} · ${num(sentiment.texts30Days, 1)} texts in 30 days (decayed)` : 'Nothing the customer said has been scored yet.'}
    >
      <div class="headline" aria-live="polite">
        <Flash value={signed(latest)} testid="sentiment" as="strong" class={`big num tone-${toneOf(latest)}`} />
        <span class="muted small">latest text, on −1 to +1</span>
      </div>
      <Sparkline values={series} testid="sentiment-sparkline" />
      <dl class="figures" aria-live="polite">
        <Figure label="Level (7-day)">
          <Flash value={signed(sentiment?.level)} testid="sentiment-level" class="num" />
        </Figure>
        <Figure label="Month level">
          <Flash value={signed(sentiment?.monthLevel)} class="num" />
        </Figure>
        <Figure label="Trend">
          <Flash value={signed(trend)} testid="sentiment-trend" class={`num tone-${toneOf(trend)}`} />
          {trend !== undefined && <span aria-hidden="true">{trend > 0.02 ? ' ↗' : trend < -0.02 ? ' ↘' : ' →'}</span>}
        </Figure>
      </dl>
    </Panel>
  );
}

function toneOf(value: number | undefined): 'positive' | 'negative' | 'neutral' {
  const v = finite(value);
  return v === undefined ? 'neutral' : v > 0.05 ? 'positive' : v < -0.05 ? 'negative' : 'neutral';
}

function segmentName(id: number) {
  return `Segment ${id}`;
}

function SegmentPanel({ profile, segments }: { profile: CustomerProfile; segments: SegmentListing | undefined }) {
  const segment = profile.segment;
  const view = segment ? segments?.segments.find((s) => s.id === segment.segment) : undefined;
  const previous = segment?.previous !== undefined ? segments?.segments.find((s) => s.id === segment.previous) : undefined;
  return (
    <Panel title="Segment" class="span-4" note={segment ? `Segmentation v${segment.modelVersion} · distance to centre ${num(segment.distance, 2)}` : undefined}>
      {segment ? (
        <div aria-live="polite">
          <Flash value={String(segment.segment)} testid="segment" as="div" class="segment">
            <strong class="segment-name">{segmentName(segment.segment)}</strong>{' '}
            <span class="segment-description">{view?.description ?? (segments ? 'no description yet' : 'loading description…')}</span>
          </Flash>
          <p class="muted small">
            Since {shortWhen(segment.since)}
            {segment.previous !== undefined && (
              <>
                {' '}
                · moved from {segmentName(segment.previous)}
                {previous ? ` (${previous.description})` : ''}
              </>
            )}
          </p>
          {view && view.traits.length > 0 && (
            <ul class="traits" aria-label="What sets the segment apart">
              {view.traits.slice(0, 4).map((t) => (
                <li key={t.feature}>
                  {words(t.feature)} <span class="num muted">{signed(t.offset, 1)} sd</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <div data-testid="segment" class="segment">
          <span class="muted">Not placed in a segment yet.</span>
        </div>
      )}
    </Panel>
  );
}

function NetworkPanel({ profile, state }: { profile: CustomerProfile; state: CustomerState }) {
  const network = profile.network;
  const drawn = state.network?.state === 'ok' ? state.network.data : undefined;
  const neighbours = drawn?.topNeighbours ?? network?.topNeighbours ?? [];
  const relative = finite(network?.relativeInfluence);
  return (
    <Panel
      title="Influence and network"
      class="span-12"
      note={network ? `Degree ${count(network.degree)}${network.communityId ? ` · community ${network.communityId} (${count(network.communitySize)} members)` : ''}${network.coreNumber !== undefined ? ` · ${network.coreNumber}-core` : ''}` : undefined}
    >
      <div class="network-layout">
        <dl class="figures figures-column" aria-live="polite">
          <Figure label="Influence">
            <Flash value={relative === undefined ? '—' : `${num(relative, relative >= 10 ? 0 : 1)}× average`} testid="influence" class="num" />
            {finite(network?.influencePercentile) !== undefined && (
              <span class="muted small"> · top {num(100 - (network?.influencePercentile ?? 0), 0)} %</span>
            )}
          </Figure>
          <Figure label="Network value">
            <Flash value={money(network?.networkValue)} testid="network-value" class="num" />
          </Figure>
          <Figure label="Churn contagion">
            <Flash value={pct(network?.churnContagion)} testid="churn-contagion" class="num" />
          </Figure>
        </dl>
        <div class="network-picture">
          {network ? (
            state.network?.state === 'error' && neighbours.length === 0 ? (
              <p class="muted small" data-testid="network-drawing">
                The network could not be loaded: {state.network.message}
              </p>
            ) : (
              <>
                <NetworkDrawing customerId={profile.customerId} neighbours={neighbours} testid="network-drawing" />
                <p class="legend small muted" aria-hidden="true">
                  <span class="swatch" style={{ background: 'hsl(135 62% 42%)' }} /> low churn risk <span class="swatch" style={{ background: 'hsl(68 62% 42%)' }} /> medium{' '}
                  <span class="swatch" style={{ background: 'hsl(0 62% 42%)' }} /> high <span class="swatch" style={{ background: '#a3acb9' }} /> unknown · thicker line: stronger tie
                </p>
              </>
            )
          ) : (
            <p class="muted small" data-testid="network-drawing">
              No relationships yet (referrals, households, mentions or call transfers).
            </p>
          )}
        </div>
        {neighbours.length > 0 && (
          <table class="table neighbours">
            <caption class="visually-hidden">Strongest relationships</caption>
            <thead>
              <tr>
                <th scope="col">Neighbour</th>
                <th scope="col">Relationship</th>
                <th scope="col" class="right">
                  Weight
                </th>
                <th scope="col" class="right">
                  Churn
                </th>
              </tr>
            </thead>
            <tbody>
              {neighbours.slice(0, 8).map((n) => (
                <tr key={n.customerId}>
                  <td>
                    <span class="swatch" style={{ background: churnColour(n.churnProbability) }} aria-hidden="true" />{' '}
                    <a href={customerHref(n.customerId)}>{truncate(n.customerId, 20)}</a>
                  </td>
                  <td>
                    {words(n.relationship)} <span class="muted small">({n.direction})</span>
                  </td>
                  <td class="right num">{num(n.weight, 2)}</td>
                  <td class="right num">{pct(n.churnProbability)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Panel>
  );
}

function TimelinePanel({ interactions }: { interactions: Loaded<Interaction[]> }) {
  const items = interactions.state === 'ok' ? interactions.data : [];

  // Measuring: each event id's first appearance, time-stamped when it is painted.
  useLayoutEffect(() => {
    recordFirstPaints(items.map((i) => i.eventId));
  }, [items]);

  return (
    <Panel title="Interactions" class="span-8 row-span-2 timeline-panel">
      {interactions.state === 'error' && <p class="notice notice-error small">Interactions could not be loaded: {interactions.message}</p>}
      <ol class="timeline" data-testid="timeline" aria-label="Recent interactions, newest first" aria-busy={interactions.state === 'loading'}>
        {items.map((i) => (
          <li key={i.eventId} data-event-id={i.eventId} class={`timeline-item kind-${i.kind}`}>
            <time dateTime={i.timestamp} title={when(i.timestamp)} class="num">
              {shortWhen(i.timestamp)}
            </time>
            <span class="channel">{words(i.channel)}</span>
            <span class="kind">{words(i.kind)}</span>
            <span class="amount num">{finite(i.amount) !== undefined ? money(i.amount) : ''}</span>
            <span class="text" title={i.text}>
              {i.text ? truncate(i.text, 90) : i.counterpartyId ? <a href={customerHref(i.counterpartyId)}>→ {i.counterpartyId}</a> : ''}
            </span>
            <span class={`sentiment num tone-${toneOf(i.sentiment)}`}>{finite(i.sentiment) !== undefined ? signed(i.sentiment) : ''}</span>
          </li>
        ))}
      </ol>
      {interactions.state === 'ok' && items.length === 0 && <p class="muted small">No interactions yet.</p>}
    </Panel>
  );
}

function FiringsPanel({ firings }: { firings: Loaded<TriggerFiringView[]> }) {
  const items = firings.state === 'ok' ? firings.data : [];
  return (
    <Panel title="Fired triggers" class="span-4 firings-panel">
      {firings.state === 'error' && <p class="notice notice-error small">Fired triggers could not be loaded: {firings.message}</p>}
      <ul class="firings" data-testid="fired-triggers" aria-label="Rules that fired for this customer, newest first">
        {items.map(({ firing, deliveries }) => (
          <li key={firing.idempotencyKey} data-firing-key={firing.idempotencyKey} class="firing">
            <div class="firing-head">
              <strong class="rule-id">{firing.ruleId}</strong>
              <time dateTime={firing.firedAt} title={when(firing.firedAt)} class="muted small num">
                {shortWhen(firing.firedAt)}
              </time>
            </div>
            <p class="why">{firing.why}</p>
            <p class="muted small">
              {firing.category} · priority {firing.priority}
              {firing.eventKind ? ` · on ${words(firing.eventKind)}` : ''}
              {deliveries.length > 0 ? ` · ${deliverySummary(deliveries.map((d) => d.state))}` : ''}
            </p>
          </li>
        ))}
      </ul>
      {firings.state === 'ok' && items.length === 0 && <p class="muted small">No rule has fired for this customer.</p>}
    </Panel>
  );
}

function deliverySummary(states: string[]): string {
  const counts = new Map<string, number>();
  states.forEach((s) => counts.set(s, (counts.get(s) ?? 0) + 1));
  return [...counts].map(([s, n]) => `${n} ${words(s)}`).join(', ');
}
