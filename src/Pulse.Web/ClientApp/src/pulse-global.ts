/** What the page exposes for measuring (tests read it): when each event id was first painted in a timeline. */
export interface PulseMeasurements {
  paints: Array<{ eventId: string; at: number }>;
}

declare global {
  interface Window {
    __pulse: PulseMeasurements;
  }
}

/** Paints kept at most; the oldest go first (a page left open on a busy customer must not grow forever). */
const MAX_PAINTS = 100_000;

export function measurements(): PulseMeasurements {
  if (!window.__pulse || !Array.isArray(window.__pulse.paints)) {
    window.__pulse = { paints: [] };
  }
  return window.__pulse;
}

const painted = new Set<string>();

/**
 * Records the event ids a timeline shows for the first time: call right after the DOM update; the
 * time is taken in the next animation frame, when the browser paints it.
 */
export function recordFirstPaints(eventIds: readonly string[]) {
  const fresh = eventIds.filter((id) => !painted.has(id));
  if (fresh.length === 0) {
    return;
  }
  fresh.forEach((id) => painted.add(id));
  requestAnimationFrame(() => {
    const at = performance.now();
    const paints = measurements().paints;
    for (const eventId of fresh) {
      paints.push({ eventId, at });
    }
    if (paints.length > MAX_PAINTS) {
      paints.splice(0, paints.length - MAX_PAINTS);
    }
  });
}
