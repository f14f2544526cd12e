import { signed } from '../format';

interface SparklineProps {
  /** Scores on [-1, 1], oldest first. */
  values: number[];
  width?: number;
  height?: number;
  testid?: string;
}

/** A hand-drawn sparkline of sentiment scores: zero line, the path, and a dot on the latest. */
export function Sparkline({ values, width = 220, height = 48, testid }: SparklineProps) {
  const pad = 4;
  const x = (i: number) => (values.length <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => pad + ((1 - Math.max(-1, Math.min(1, v))) / 2) * (height - 2 * pad);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values.length > 0 ? values[values.length - 1] : undefined;
  const label =
    values.length === 0
      ? 'No scored texts yet'
      : `Sentiment of the last ${values.length} scored ${values.length === 1 ? 'text' : 'texts'}, from ${signed(values[0])} to ${signed(last)}`;
  const tone = last === undefined ? 'neutral' : last > 0.05 ? 'positive' : last < -0.05 ? 'negative' : 'neutral';

  return (
    <svg
      class={`sparkline sparkline-${tone}`}
      data-testid={testid}
      data-points={values.length}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <line class="sparkline-zero" x1={pad} x2={width - pad} y1={y(0)} y2={y(0)} />
      {values.length > 1 && <polyline class="sparkline-line" points={points} />}
      {last !== undefined && <circle class="sparkline-dot" cx={x(values.length - 1)} cy={y(last)} r={3} />}
    </svg>
  );
}
