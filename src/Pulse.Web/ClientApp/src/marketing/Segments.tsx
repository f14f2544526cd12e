import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api';
import { count, finite, money, num, pct, signed, when, words } from '../format';
import type { SegmentListing, SegmentView } from '../types';

const palette = ['#3b5bdb', '#0ca678', '#f08c00', '#c2255c', '#7048e8', '#1098ad', '#5c940d', '#e8590c', '#495057', '#a61e4d'];

export const featureColour = (index: number) => palette[index % palette.length];

type State = { state: 'loading' } | { state: 'ok'; data: SegmentListing } | { state: 'error'; message: string };

/** The live segments: sizes and descriptions, and their centres drawn side by side. */
export function SegmentsPanel() {
  const [listing, setListing] = useState<State>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    void getJson<SegmentListing>('/api/v1/segments', abort.signal).then((result) => {
      if (abort.signal.aborted) {
        return;
      }
      setListing(result.ok ? { state: 'ok', data: result.data } : { state: 'error', message: result.message });
    });
    // Segments move with every mini-batch; a calm refresh keeps the table current.
    const timer = setTimeout(() => setGeneration((g) => g + 1), 30_000);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [generation]);

  const data = listing.state === 'ok' ? listing.data : undefined;
  const segments = data ? [...data.segments].sort((a, b) => a.id - b.id) : [];

  return (
    <section class="panel span-12" aria-labelledby="segments-heading">
      <div class="panel-title-row">
        <h2 id="segments-heading">Segments</h2>
        <span class="muted small">
          {data ? `Model v${count(data.modelVersion)} · ${count(segments.reduce((n, s) => n + (finite(s.size) ?? 0), 0))} customers placed` : ''}
        </span>
        <button type="button" class="button button-small" onClick={() => setGeneration((g) => g + 1)}>
          Refresh
        </button>
      </div>
      {listing.state === 'error' && <p class="notice notice-error">Segments could not be loaded: {listing.message}</p>}
      {listing.state === 'loading' && <p class="muted">Loading segments…</p>}
      {data && !data.seeded && segments.length === 0 && (
        <p class="muted" data-testid="segments-empty">
          No segments yet: they form once enough customers have been scored.
        </p>
      )}
      <div class="segments-layout">
        <div class="table-wrap">
          <table class="table" data-testid="segments">
            <caption class="visually-hidden">Segments with their size, description and live means</caption>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col" class="right">
                  Size
                </th>
                <th scope="col">Description</th>
                <th scope="col" class="right">
                  Mean CLV
                </th>
                <th scope="col" class="right">
                  Mean churn
                </th>
                <th scope="col" class="right">
                  Mean sentiment
                </th>
              </tr>
            </thead>
            <tbody>
              {segments.map((s) => (
                <tr key={s.id} data-segment-id={s.id}>
                  <th scope="row">{s.id}</th>
                  <td class="right num">{count(s.size)}</td>
                  <td>
                    {s.description}
                    {s.traits.length > 0 && (
                      <span class="muted small block">
                        {s.traits
                          .slice(0, 3)
                          .map((t) => `${words(t.feature)} ${signed(t.offset, 1)} sd`)
                          .join(' · ')}
                      </span>
                    )}
                  </td>
                  <td class="right num">{money(s.meanLifetimeValue)}</td>
                  <td class="right num">{pct(s.meanChurnRisk)}</td>
                  <td class="right num">{signed(s.meanSentiment)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data && <CentresChart features={data.features} segments={segments} />}
      </div>
      {data && data.alerts.length > 0 && (
        <details class="alerts">
          <summary>{data.alerts.length} drift alerts</summary>
          <ul>
            {data.alerts.slice(0, 20).map((a, i) => (
              <li key={i} class="small">
                Segment {a.segment} moved {num(a.moved, 2)} sd over {a.windowBatches} batches (v{a.version}, {when(a.at)})
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/**
 * Small multiples: one group of bars per segment, one bar per feature, each feature scaled from its
 * lowest centre (short bar) to its highest (full bar), so segments can be told apart at a glance.
 */
function CentresChart({ features, segments }: { features: string[]; segments: SegmentView[] }) {
  const names = features.length > 0 ? features : Object.keys(segments[0]?.centre ?? {});
  const range = names.map((f) => {
    const values = segments.map((s) => finite(s.centre[f])).filter((v): v is number => v !== undefined);
    return { min: Math.min(...values), max: Math.max(...values) };
  });
  const scaled = (f: number, value: number | undefined) => {
    const r = range[f];
    if (value === undefined || !r || !Number.isFinite(r.min)) {
      return 0;
    }
    return r.max === r.min ? 0.5 : (value - r.min) / (r.max - r.min);
  };

  const columns = Math.min(Math.max(segments.length, 1), 4);
  const cellW = 150;
  const cellH = 96;
  const barArea = 64;
  const rows = Math.ceil(segments.length / columns);
  const width = columns * cellW;
  const height = Math.max(rows, 1) * cellH;
  const barW = Math.max(3, Math.min(16, (cellW - 24) / Math.max(names.length, 1) - 2));

  return (
    <figure class="centres">
      <svg
        data-testid="segment-centres-chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Segment centres over ${names.length} features, each feature scaled from its lowest to its highest centre`}
      >
        {segments.map((s, index) => {
          const ox = (index % columns) * cellW + 12;
          const oy = Math.floor(index / columns) * cellH + 8;
          return (
            <g key={s.id} data-segment-id={s.id}>
              <text x={ox} y={oy + 10} class="chart-title">
                Segment {s.id}
              </text>
              <line x1={ox} x2={ox + cellW - 24} y1={oy + 16 + barArea} y2={oy + 16 + barArea} class="chart-axis" />
              {names.map((f, i) => {
                const raw = finite(s.centre[f]);
                const h = Math.max(1, scaled(i, raw) * barArea);
                return (
                  <rect key={f} x={ox + i * (barW + 2)} y={oy + 16 + barArea - h} width={barW} height={h} fill={featureColour(i)}>
                    <title>{`Segment ${s.id} · ${f}: ${num(raw, 2)}`}</title>
                  </rect>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="chart-legend">
          {names.map((f, i) => (
            <li key={f}>
              <span class="swatch" style={{ background: featureColour(i) }} aria-hidden="true" />
              {f}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
