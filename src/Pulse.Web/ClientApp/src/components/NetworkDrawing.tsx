import { customerHref } from '../router';
import { finite, num, pct, truncate, words } from '../format';
import type { NetworkNeighbour } from '../types';

/** Churn risk as a colour: green (0) through amber to red (1); grey when unknown. */
export function churnColour(probability: number | undefined): string {
  const p = finite(probability);
  if (p === undefined) {
    return '#a3acb9';
  }
  const clamped = Math.max(0, Math.min(1, p));
  return `hsl(${Math.round(135 * (1 - clamped))} 62% 42%)`;
}

interface NetworkDrawingProps {
  customerId: string;
  neighbours: NetworkNeighbour[];
  testid?: string;
  /** At most this many neighbours are drawn (the strongest; the API sends them strongest first). */
  max?: number;
}

const W = 380;
const H = 260;

/**
 * The customer's neighbourhood: the customer in the middle, neighbours on a circle (strongest first,
 * clockwise from the top), edges as thick as the relationship is strong, each neighbour coloured by
 * its churn risk and linked to its own card.
 */
export function NetworkDrawing({ customerId, neighbours, testid, max = 16 }: NetworkDrawingProps) {
  const shown = neighbours.slice(0, max);
  const cx = W / 2;
  const cy = H / 2;
  const radius = 92;
  const maxWeight = Math.max(...shown.map((n) => finite(n.weight) ?? 0), 1e-9);
  const labelled = shown.length <= 10;

  return (
    <svg
      class="network-drawing"
      data-testid={testid}
      data-neighbours={shown.length}
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label={`${customerId} and ${shown.length} of ${neighbours.length} neighbours, strongest first`}
    >
      {shown.map((n, i) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(shown.length, 1);
        const x = cx + radius * Math.cos(angle);
        const y = cy + radius * Math.sin(angle);
        const weight = finite(n.weight) ?? 0;
        return <line key={`e-${n.customerId}`} class="network-edge" x1={cx} y1={cy} x2={x} y2={y} stroke-width={1 + 5 * (weight / maxWeight)} />;
      })}
      <g class="network-centre">
        <circle cx={cx} cy={cy} r={16} />
        <text x={cx} y={cy + 32} text-anchor="middle">
          {truncate(customerId, 18)}
        </text>
      </g>
      {shown.map((n, i) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(shown.length, 1);
        const x = cx + radius * Math.cos(angle);
        const y = cy + radius * Math.sin(angle);
        const influence = finite(n.relativeInfluence);
        const r = influence === undefined ? 7 : Math.max(5, Math.min(13, 6 + 3 * Math.log2(1 + influence)));
        const risk = finite(n.churnProbability);
        const description =
          `${n.customerId}: ${words(n.relationship)} (${n.direction}), weight ${num(n.weight, 2)}` +
          `, churn risk ${risk === undefined ? 'unknown' : pct(risk)}` +
          (influence === undefined ? '' : `, influence ${num(influence, 1)}× average`);
        const labelX = cx + (radius + r + 6) * Math.cos(angle);
        const labelY = cy + (radius + r + 6) * Math.sin(angle);
        const anchor = Math.abs(Math.cos(angle)) < 0.3 ? 'middle' : Math.cos(angle) > 0 ? 'start' : 'end';
        return (
          <a key={`n-${n.customerId}`} href={customerHref(n.customerId)} aria-label={description} data-customer-id={n.customerId} class="network-node">
            <title>{description}</title>
            <circle cx={x} cy={y} r={r} fill={churnColour(risk)} />
            {labelled && (
              <text x={labelX} y={labelY + 4} text-anchor={anchor}>
                {truncate(n.customerId, 12)}
              </text>
            )}
          </a>
        );
      })}
    </svg>
  );
}
