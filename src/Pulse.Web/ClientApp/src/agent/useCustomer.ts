import { useEffect, useState } from 'preact/hooks';
import { getJson, idPath } from '../api';
import { live } from '../live';
import type { CustomerNetwork, CustomerProfile, Interaction, SegmentListing, TriggerFiringView } from '../types';

/** The network drawing is refetched at most this often on live updates. */
export const NETWORK_REFRESH_MS = 5_000;

/** The segment listing (for descriptions) is shared by cards and kept this long. */
const SEGMENTS_TTL_MS = 60_000;

export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; message: string };

export interface CustomerState {
  /** loading: the first GET has not answered; not-found: 404 and no event since; error: the server could not be asked. */
  status: 'loading' | 'found' | 'not-found' | 'error';
  message?: string;
  profile?: CustomerProfile;
  interactions: Loaded<Interaction[]>;
  firings: Loaded<TriggerFiringView[]>;
  /** Absent while the customer has no relationships (the profile's network is null). */
  network?: Loaded<CustomerNetwork>;
  segments?: SegmentListing;
}

let segmentsCache: { at: number; data: SegmentListing } | undefined;
let segmentsInFlight: Promise<SegmentListing | undefined> | undefined;

function loadSegments(wanted?: number): Promise<SegmentListing | undefined> {
  const now = Date.now();
  const known = segmentsCache && (wanted === undefined || segmentsCache.data.segments.some((s) => s.id === wanted));
  if (segmentsCache && known && now - segmentsCache.at < SEGMENTS_TTL_MS) {
    return Promise.resolve(segmentsCache.data);
  }
  if (segmentsCache && !known && now - segmentsCache.at < 10_000) {
    return Promise.resolve(segmentsCache.data);
  }
  segmentsInFlight ??= getJson<SegmentListing>('/api/v1/segments').then((result) => {
    segmentsInFlight = undefined;
    if (result.ok) {
      segmentsCache = { at: Date.now(), data: result.data };
      return result.data;
    }
    return segmentsCache?.data;
  });
  return segmentsInFlight;
}

/** Runs `run` now, or once more after the run in progress when called during one: bursts of events cost at most two fetches. */
function coalesced(run: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const trigger = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      try {
        do {
          again = false;
          await run();
        } while (again);
      } finally {
        running = false;
      }
    })();
  };
  return trigger;
}

/** Whether `next` is not older than `current`: a GET that answers after a push must not undo it. */
function notOlder(next: CustomerProfile, current: CustomerProfile | undefined): boolean {
  if (!current) {
    return true;
  }
  if (next.lastPosition !== current.lastPosition) {
    return next.lastPosition > current.lastPosition;
  }
  if (next.interactionCount !== current.interactionCount) {
    return next.interactionCount > current.interactionCount;
  }
  return !(Date.parse(next.asOf) < Date.parse(current.asOf));
}

const initial: CustomerState = { status: 'loading', interactions: { state: 'loading' }, firings: { state: 'loading' } };

/**
 * A customer's card data: the profile, then its interactions, fired triggers, network and segment.
 * Watches the customer on the live hub while mounted: a pushed profile replaces the panels at once,
 * then the lists are fetched again (the network at most every NETWORK_REFRESH_MS).
 */
export function useCustomer(customerId: string): CustomerState & { reload: () => void } {
  const [state, setState] = useState<CustomerState>(initial);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    const { signal } = abort;
    const base = `/api/v1/customers/${idPath(customerId)}`;
    const update = (change: (s: CustomerState) => CustomerState) => {
      if (!signal.aborted) {
        setState(change);
      }
    };
    let current: CustomerProfile | undefined;
    let networkAt = 0;
    let networkTimer: ReturnType<typeof setTimeout> | undefined;

    setState(initial);

    const interactions = coalesced(async () => {
      const result = await getJson<Interaction[]>(`${base}/interactions`, signal);
      if (result.ok || result.status === 404) {
        update((s) => ({ ...s, interactions: { state: 'ok', data: result.ok && Array.isArray(result.data) ? result.data : [] } }));
      } else if (!result.aborted) {
        update((s) => (s.interactions.state === 'ok' ? s : { ...s, interactions: { state: 'error', message: result.message } }));
      }
    });

    const firings = coalesced(async () => {
      const result = await getJson<TriggerFiringView[]>(`${base}/triggers`, signal);
      if (result.ok) {
        update((s) => ({ ...s, firings: { state: 'ok', data: Array.isArray(result.data) ? result.data : [] } }));
      } else if (!result.aborted) {
        update((s) => (s.firings.state === 'ok' ? s : { ...s, firings: { state: 'error', message: result.message } }));
      }
    });

    const network = coalesced(async () => {
      networkAt = Date.now();
      const result = await getJson<CustomerNetwork>(`${base}/network?neighbours=24`, signal);
      if (result.ok) {
        update((s) => ({ ...s, network: { state: 'ok', data: result.data } }));
      } else if (result.status === 404) {
        update((s) => ({ ...s, network: undefined }));
      } else if (!result.aborted) {
        update((s) => (s.network?.state === 'ok' ? s : { ...s, network: { state: 'error', message: result.message } }));
      }
    });

    /** The network only for a customer who has one (no 404 per card), and at most every NETWORK_REFRESH_MS. */
    const networkSoon = () => {
      if (!current?.network) {
        return;
      }
      update((s) => (s.network ? s : { ...s, network: { state: 'loading' } }));
      const wait = networkAt + NETWORK_REFRESH_MS - Date.now();
      if (wait <= 0) {
        network();
      } else if (networkTimer === undefined) {
        networkTimer = setTimeout(() => {
          networkTimer = undefined;
          if (!signal.aborted) {
            network();
          }
        }, wait);
      }
    };

    const segments = () => {
      void loadSegments(current?.segment?.segment).then((listing) => {
        if (listing) {
          update((s) => (s.segments === listing ? s : { ...s, segments: listing }));
        }
      });
    };

    const apply = (profile: CustomerProfile) => {
      if (!notOlder(profile, current)) {
        return;
      }
      current = profile;
      update((s) => ({ ...s, status: 'found', profile }));
    };

    const refreshAround = () => {
      interactions();
      firings();
      networkSoon();
      segments();
    };

    const load = async () => {
      const result = await getJson<CustomerProfile>(base, signal);
      if (signal.aborted) {
        return;
      }
      if (result.ok) {
        apply(result.data);
        refreshAround();
      } else if (result.status === 404) {
        update((s) => (current ? s : { ...s, status: 'not-found' }));
      } else if (!result.aborted) {
        update((s) => (current ? s : { ...s, status: 'error', message: result.message }));
      }
    };

    const unwatch = live.watch(customerId, (profile) => {
      if (signal.aborted) {
        return;
      }
      apply(profile);
      refreshAround();
    });

    // After a reconnect the pushes in between are lost: read everything again.
    let wasLive = live.status === 'live';
    const offStatus = live.onStatus((status) => {
      if (status === 'live' && !wasLive) {
        void load();
      }
      wasLive = status === 'live';
    });

    void load();

    return () => {
      abort.abort();
      unwatch();
      offStatus();
      clearTimeout(networkTimer);
    };
  }, [customerId, generation]);

  return { ...state, reload: () => setGeneration((g) => g + 1) };
}
