import { apiKey } from './access';
import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection, type ILogger } from '@microsoft/signalr';
import { useEffect, useState } from 'preact/hooks';
import type { CustomerProfile } from './types';

/**
 * The live connection to /hubs/live: one per page, opened when the agent view first needs it and
 * kept. Cards watch customers through it; it re-watches them after every reconnect, and keeps
 * trying to connect (the silo may start after the page, or restart under it).
 */
export type LiveStatus = 'live' | 'reconnecting';

type ProfileListener = (profile: CustomerProfile) => void;

/** SignalR's own messages go to the debug console only: the status indicator tells the user. */
const quietLogger: ILogger = {
  log(level: LogLevel, message: string) {
    if (level >= LogLevel.Warning) {
      console.debug(`[pulse live] ${message}`);
    }
  },
};

/** Retry after 0.5, 1, 2, 4, 8 s, then every 10 s, for as long as the page is open. */
const backoff = (attempt: number) => Math.min(500 * 2 ** attempt, 10_000);

class LiveConnection {
  private connection: HubConnection | undefined;
  private readonly watched = new Map<string, Set<ProfileListener>>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private startAttempt = 0;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  status: LiveStatus = 'reconnecting';

  /** Follows a customer: listener gets every profile the server pushes. Returns the unsubscribe. */
  watch(customerId: string, listener: ProfileListener): () => void {
    this.ensureStarted();
    let listeners = this.watched.get(customerId);
    if (!listeners) {
      listeners = new Set();
      this.watched.set(customerId, listeners);
      this.invoke('WatchCustomer', customerId);
    }
    listeners.add(listener);
    return () => {
      const current = this.watched.get(customerId);
      if (!current) {
        return;
      }
      current.delete(listener);
      if (current.size === 0) {
        this.watched.delete(customerId);
        this.invoke('UnwatchCustomer', customerId);
      }
    };
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.ensureStarted();
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private ensureStarted() {
    if (this.connection) {
      return;
    }
    const connection = new HubConnectionBuilder()
      .withUrl('/hubs/live', { accessTokenFactory: () => apiKey() ?? '' })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => backoff(context.previousRetryCount) })
      .configureLogging(quietLogger)
      .build();
    connection.on('customerChanged', (profile: CustomerProfile) => {
      if (profile && typeof profile.customerId === 'string') {
        this.watched.get(profile.customerId)?.forEach((listener) => listener(profile));
      }
    });
    connection.onreconnecting(() => this.setStatus('reconnecting'));
    connection.onreconnected(() => {
      this.setStatus('live');
      this.watchAll();
    });
    connection.onclose(() => {
      this.setStatus('reconnecting');
      this.scheduleStart();
    });
    this.connection = connection;
    void this.start();
  }

  private async start() {
    const connection = this.connection;
    if (!connection || connection.state !== HubConnectionState.Disconnected) {
      return;
    }
    try {
      await connection.start();
      this.startAttempt = 0;
      this.setStatus('live');
      this.watchAll();
    } catch {
      this.setStatus('reconnecting');
      this.scheduleStart();
    }
  }

  private scheduleStart() {
    if (this.startTimer !== undefined) {
      return;
    }
    const delay = backoff(this.startAttempt++);
    this.startTimer = setTimeout(() => {
      this.startTimer = undefined;
      void this.start();
    }, delay);
  }

  private watchAll() {
    for (const customerId of this.watched.keys()) {
      this.invoke('WatchCustomer', customerId);
    }
  }

  /** Calls the hub when connected; otherwise the next (re)connect sends the watches that still hold. */
  private invoke(method: 'WatchCustomer' | 'UnwatchCustomer', customerId: string) {
    const connection = this.connection;
    if (connection?.state === HubConnectionState.Connected) {
      connection.invoke(method, customerId).catch((error: unknown) => {
        console.debug(`[pulse live] ${method}(${customerId}) failed`, error);
      });
    }
  }

  private setStatus(status: LiveStatus) {
    if (this.status !== status) {
      this.status = status;
      this.statusListeners.forEach((listener) => listener(status));
    }
  }
}

export const live = new LiveConnection();

export function useLiveStatus(): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(live.status);
  useEffect(() => {
    const off = live.onStatus(setStatus);
    setStatus(live.status);
    return off;
  }, []);
  return status;
}
