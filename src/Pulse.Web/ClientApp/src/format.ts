// Figures and times as the UI shows them. One locale throughout, so that figures read the same on
// every agent's screen (and in tests); times in the browser's own time zone.

const LOCALE = 'en-GB';

const dash = '—';

/** A finite number, or undefined (the API writes NaN and infinities as strings). */
export function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(min: number, max: number, style?: 'percent'): Intl.NumberFormat {
  const key = `${min}/${max}/${style ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: min, maximumFractionDigits: max, ...(style ? { style } : {}) });
    formatters.set(key, f);
  }
  return f;
}

/** A number with a fixed count of decimals (thousands grouped). */
export function num(value: unknown, decimals = 2): string {
  const v = finite(value);
  return v === undefined ? dash : formatter(decimals, decimals).format(v);
}

/** Money in major units; Pulse does not know the currency, so none is shown. */
export const money = (value: unknown) => num(value, 2);

/** A share in [0, 1] as a percentage: one decimal below 10 %, none above. */
export function pct(value: unknown): string {
  const v = finite(value);
  if (v === undefined) {
    return dash;
  }
  const digits = Math.abs(v) < 0.1 ? 1 : 0;
  return formatter(digits, digits, 'percent').format(v);
}

/** A signed score on [-1, 1]: +0.42, −0.10. */
export function signed(value: unknown, decimals = 2): string {
  const v = finite(value);
  if (v === undefined) {
    return dash;
  }
  const text = formatter(decimals, decimals).format(Math.abs(v));
  return v > 0 ? `+${text}` : v < 0 ? `−${text}` : text;
}

/** A count: no decimals, grouped. */
export const count = (value: unknown) => num(value, 0);

/** A rate per second. */
export function rate(value: unknown): string {
  const v = finite(value);
  return v === undefined ? dash : v >= 100 ? num(v, 0) : num(v, 1);
}

/** A latency in milliseconds. */
export function ms(value: unknown): string {
  const v = finite(value);
  return v === undefined ? dash : `${v >= 100 ? num(v, 0) : num(v, 1)} ms`;
}

const dateTime = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const timeOnly = new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dayTime = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric' });

function parse(iso: string | undefined | null): Date | undefined {
  if (!iso) {
    return undefined;
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "12 Nov 2026, 14:03:22". */
export function when(iso: string | undefined | null): string {
  const d = parse(iso);
  return d ? dateTime.format(d) : dash;
}

/** "14:03:22" today, "23 Nov, 14:03" this year, "23 Nov 2025" before: the full moment goes in a title. */
export function shortWhen(iso: string | undefined | null): string {
  const d = parse(iso);
  if (!d) {
    return dash;
  }
  const now = new Date();
  if (d.toDateString() === now.toDateString()) {
    return timeOnly.format(d);
  }
  return d.getFullYear() === now.getFullYear() ? dayTime.format(d) : dateOnly.format(d);
}

export function day(iso: string | undefined | null): string {
  const d = parse(iso);
  return d ? dateOnly.format(d) : dash;
}

/** "3 min ago", "in 2 h": for the moments next to a figure. */
export function ago(iso: string | undefined | null, now = Date.now()): string {
  const d = parse(iso);
  if (!d) {
    return dash;
  }
  const seconds = Math.round((now - d.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs < 60 ? [abs, 's'] : abs < 3600 ? [Math.round(abs / 60), 'min'] : abs < 86400 ? [Math.round(abs / 3600), 'h'] : [Math.round(abs / 86400), 'd'];
  return seconds >= 0 ? `${value} ${unit} ago` : `in ${value} ${unit}`;
}

/** Shortens a text to at most max characters, on a word boundary where one is near. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A kebab-case wire name for reading: "call-centre" → "call centre". */
export const words = (wire: string) => wire.replace(/-/g, ' ');
