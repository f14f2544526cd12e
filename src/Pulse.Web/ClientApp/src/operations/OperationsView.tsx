import { useEffect, useState } from 'preact/hooks';
import { getJson, type ApiResult } from '../api';
import { count, finite, ms, num, rate, shortWhen, when, words } from '../format';
import type { ClusterView, ModelListing, OperationsStats } from '../types';

type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T; at: number } | { state: 'error'; message: string; data?: T };

/**
 * Fetches `url` now and every `everyMs` while mounted (the next fetch starts when the last answered).
 * A failed fetch keeps the last good data on screen, marked stale; a missing endpoint is asked less often.
 */
function usePolled<T>(url: string, everyMs: number): [Loaded<T>, () => void] {
  const [value, setValue] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const result: ApiResult<T> = await getJson<T>(url, abort.signal);
      if (abort.signal.aborted) {
        return;
      }
      setValue((current) =>
        result.ok
          ? { state: 'ok', data: result.data, at: Date.now() }
          : { state: 'error', message: result.message, ...(current.state === 'ok' || current.state === 'error' ? { data: current.data } : {}) },
      );
      timer = setTimeout(tick, result.ok || result.status !== 404 ? everyMs : Math.max(everyMs, 15_000));
    };
    void tick();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [url, everyMs, generation]);

  return [value, () => setGeneration((g) => g + 1)];
}

const dataOf = <T,>(loaded: Loaded<T>): T | undefined => (loaded.state === 'loading' ? undefined : loaded.data);

/** The operator's desk: throughput and latency, the silos, the models. */
export function OperationsView() {
  useEffect(() => {
    document.title = 'Operations · Pulse';
  }, []);
  return (
    <div class="view grid-12">
      <StatsPanel />
      <SilosPanel />
      <ModelsPanel />
    </div>
  );
}

function StatsPanel() {
  const [stats] = usePolled<OperationsStats>('/api/v1/operations/stats', 2_000);
  const data = dataOf(stats);
  const latency = data?.applyLatencyMs;
  return (
    <section class="panel span-12" aria-labelledby="stats-heading">
      <div class="panel-title-row">
        <h2 id="stats-heading">Throughput and latency</h2>
        <span class="muted small">refreshed every 2 s</span>
        {data?.dashboardUrl && (
          <a class="button button-small" href={data.dashboardUrl} target="_blank" rel="noopener noreferrer" data-testid="dashboard-link">
            Orleans Dashboard ↗
          </a>
        )}
      </div>
      {stats.state === 'error' && (
        <p class="notice notice-error small" role="status">
          Statistics unavailable{data ? ' (showing the last values)' : ''}: {stats.message}
        </p>
      )}
      <div class="stat-tiles">
        <div class="stat-tile" data-testid="events-per-second" aria-live="polite">
          <h3>Events per second</h3>
          <p>
            <span class="big num" data-testid="events-accepted">
              {rate(data?.eventsAcceptedPerSecond)}
            </span>{' '}
            <span class="muted">accepted</span>
          </p>
          <p>
            <span class="big num" data-testid="events-applied">
              {rate(data?.eventsAppliedPerSecond)}
            </span>{' '}
            <span class="muted">applied</span>
          </p>
        </div>
        <div class="stat-tile" data-testid="latency" aria-live="polite">
          <h3 title="From the time the event happened (its timestamp) to the customer grain applying it; live events only">End-to-end latency (event → applied)</h3>
          <p>
            <span class="big num" data-testid="latency-p50">
              {ms(latency?.p50)}
            </span>{' '}
            <span class="muted">p50</span>
          </p>
          <p>
            <span class="big num" data-testid="latency-p95">
              {ms(latency?.p95)}
            </span>{' '}
            <span class="muted">p95</span>
            <span class="muted small"> · p99 {ms(latency?.p99)}</span>
          </p>
        </div>
      </div>
    </section>
  );
}

function SilosPanel() {
  const [cluster, refresh] = usePolled<ClusterView>('/api/v1/cluster', 10_000);
  const data = dataOf(cluster);
  return (
    <section class="panel span-6" aria-labelledby="silos-heading">
      <div class="panel-title-row">
        <h2 id="silos-heading">Silos</h2>
        <span class="muted small">{data ? `${count(data.customerActivations)} customers active` : ''}</span>
        <button type="button" class="button button-small" onClick={refresh}>
          Refresh
        </button>
      </div>
      {cluster.state === 'error' && <p class="notice notice-error small">The cluster could not be surveyed: {cluster.message}</p>}
      <table class="table" data-testid="silos">
        <caption class="visually-hidden">Silos, their status and activations</caption>
        <thead>
          <tr>
            <th scope="col">Silo</th>
            <th scope="col">Status</th>
            <th scope="col" class="right">
              Customers
            </th>
            <th scope="col" class="right">
              All activations
            </th>
          </tr>
        </thead>
        <tbody>
          {(data?.silos ?? []).map((s) => (
            <tr key={s.address} data-silo={s.address}>
              <th scope="row">
                <code>{s.address}</code>
              </th>
              <td>
                <span class={`badge ${s.status === 'Active' ? 'badge-on' : 'badge-off'}`}>{s.status}</span>
              </td>
              <td class="right num">{count(s.customerActivations)}</td>
              <td class="right num">{count(s.activations)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ModelsPanel() {
  const [models, refresh] = usePolled<ModelListing[]>('/api/v1/models', 30_000);
  const data = dataOf(models) ?? [];
  return (
    <section class="panel span-6" aria-labelledby="models-heading">
      <div class="panel-title-row">
        <h2 id="models-heading">Models</h2>
        <button type="button" class="button button-small" onClick={refresh}>
          Refresh
        </button>
      </div>
      {models.state === 'error' && <p class="notice notice-error small">Models could not be loaded: {models.message}</p>}
      <ul class="models" data-testid="models">
        {data.map((m) => (
          <li key={m.name} data-model={m.name} class="model">
            <div class="model-head">
              <strong>{m.name}</strong>
              <span class={`badge ${m.version > 0 ? 'badge-on' : 'badge-off'}`}>{m.version > 0 ? `v${m.version}` : 'none yet'}</span>
            </div>
            <p class="muted small">
              {m.description}
              {m.publishedAt ? (
                <>
                  {' '}
                  · published <time dateTime={m.publishedAt} title={when(m.publishedAt)}>{shortWhen(m.publishedAt)}</time>
                </>
              ) : null}
              {m.requestedBy ? ` · by ${m.requestedBy}` : ''}
            </p>
            {Object.keys(m.metrics ?? {}).length > 0 && (
              <dl class="metrics">
                {Object.entries(m.metrics).map(([name, value]) => (
                  <div key={name} class="metric">
                    <dt>{words(name)}</dt>
                    <dd class="num">{finite(value) === undefined ? String(value) : num(value, Math.abs(value) >= 1000 ? 0 : 3)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
