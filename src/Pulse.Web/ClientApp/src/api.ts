import { authHeaders, signInNeeded } from './access';
import type { Problem } from './types';

/** What a call to the API came to. Never thrown: a 404 or a dropped network is a state the UI shows. */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; problem?: Problem; message: string; aborted?: boolean };

async function readProblem(response: Response): Promise<Problem | undefined> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) {
    return undefined;
  }
  try {
    return (await response.json()) as Problem;
  } catch {
    return undefined;
  }
}

/** Sends a request to the API and reads its JSON answer (or its problem details). */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  options: { body?: string; signal?: AbortSignal } = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    const init: RequestInit = {
      method,
      headers: {
        Accept: 'application/json',
        ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...authHeaders(),
      },
    };
    if (options.body !== undefined) {
      init.body = options.body;
    }
    if (options.signal) {
      init.signal = options.signal;
    }
    response = await fetch(url, init);
  } catch (error) {
    const aborted = error instanceof DOMException && error.name === 'AbortError';
    return { ok: false, status: 0, message: aborted ? 'cancelled' : 'The server could not be reached.', aborted };
  }

  if (response.status === 401) {
    signInNeeded();
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    const message = problem?.detail ?? problem?.title ?? `${response.status} ${response.statusText}`.trim();
    return problem ? { ok: false, status: response.status, problem, message } : { ok: false, status: response.status, message };
  }

  if (response.status === 204 || response.status === 202) {
    return { ok: true, status: response.status, data: undefined as T };
  }

  try {
    return { ok: true, status: response.status, data: (await response.json()) as T };
  } catch (error) {
    const aborted = error instanceof DOMException && error.name === 'AbortError';
    return { ok: false, status: response.status, message: aborted ? 'cancelled' : 'The server sent an answer that is not JSON.', aborted };
  }
}

export const getJson = <T>(url: string, signal?: AbortSignal) => request<T>('GET', url, signal ? { signal } : {});

/** A customer id as one path segment. */
export const idPath = (id: string) => encodeURIComponent(id);
