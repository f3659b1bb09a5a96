import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput, ApiOutput, MethodName } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';

/** The contract's list methods: they answer `{rows, nextCursor}` and take `after`/`limit`. */
export type ListMethod = {
  [K in MethodName]: ApiOutput<K> extends { rows: Array<{ id: number }>; nextCursor: string | null } ? ('after' extends keyof ApiInput<K> ? K : never) : never;
}[MethodName];

export type ListRow<K extends ListMethod> = ApiOutput<K> extends { rows: Array<infer Row extends { id: number }> } ? Row : never;
export type ListFilter<K extends ListMethod> = Omit<ApiInput<K>, 'after' | 'limit'>;

export const pageSize = 100;

interface Loaded<Row> {
  /** The filter (and reload) these rows belong to. */
  key: string;
  rows: Row[];
  next: string | null;
}

/**
 * A roster fetched page by page with the keyset cursor of a list method. A new filter (or
 * `reloadToken`) starts again from the first page; the rows of the previous filter stay on screen,
 * marked stale, until the new first page arrives. Answers for an outdated filter are dropped.
 */
export function useKeysetPages<K extends ListMethod>(method: K, filter: ListFilter<K>, reloadToken: number): KeysetPages<ListRow<K>> {
  type Row = ListRow<K>;
  const key = JSON.stringify([method, filter, reloadToken]);
  const [loaded, setLoaded] = useState<Loaded<Row>>({ key: '', rows: [], next: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [retryToken, setRetryToken] = useState(0);
  const generation = useRef(0);
  const busy = useRef(false);
  // The filter is a new object on every render; `key` says when it really changed.
  const request = useRef({ method, filter });
  useEffect(() => {
    request.current = { method, filter };
  });

  /** Fetches one page for `forKey`; `apply` runs only if no newer filter has started since. */
  const fetchPage = useCallback((forKey: string, after: string | null, apply: (rows: Row[], next: string | null) => void) => {
    const ticket = generation.current;
    busy.current = true;
    setLoading(true);
    const input = { ...request.current.filter, limit: pageSize, ...(after ? { after } : {}) } as ApiInput<K>;
    (invoke(request.current.method, input) as Promise<{ rows: Row[]; nextCursor: string | null }>)
      .then(
        (page) => {
          if (ticket === generation.current) apply(page.rows, page.nextCursor);
        },
        (e: Error) => {
          if (ticket === generation.current) setError({ key: forKey, message: e.message });
        },
      )
      .finally(() => {
        if (ticket !== generation.current) return;
        busy.current = false;
        setLoading(false);
      });
  }, []);

  useEffect(() => {
    generation.current++;
    setError(null);
    fetchPage(key, null, (rows, next) => setLoaded({ key, rows, next }));
  }, [key, retryToken, fetchPage]);

  const current = loaded.key === key;
  const failed = error !== null && error.key === key;

  const loadMore = useCallback(() => {
    if (busy.current || failed || !current || loaded.next === null) return;
    fetchPage(key, loaded.next, (rows, next) =>
      setLoaded((l) => {
        // A row renamed after its page was loaded sorts elsewhere and may come round again.
        const seen = new Set(l.rows.map((r) => r.id));
        return { key: l.key, rows: l.rows.concat(rows.filter((r) => !seen.has(r.id))), next };
      }),
    );
  }, [current, failed, loaded.next, key, fetchPage]);

  const retry = useCallback(() => {
    if (!failed) return;
    setError(null);
    // A failed first page starts over; a failed later page continues where it stopped.
    if (!current) setRetryToken((t) => t + 1);
  }, [current, failed]);

  /** Shows a row's new state in place (after an edit, transfer, lapse or restore) without reloading. */
  const replaceRow = useCallback((row: Row) => {
    setLoaded((l) => ({ ...l, rows: l.rows.map((r) => (r.id === row.id ? row : r)) }));
  }, []);

  return {
    key,
    rows: loaded.rows,
    stale: !current,
    done: current && loaded.next === null,
    loading,
    error: failed ? error.message : null,
    loadMore,
    retry,
    replaceRow,
  };
}

export interface KeysetPages<Row> {
  key: string;
  rows: Row[];
  stale: boolean;
  done: boolean;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
  retry: () => void;
  replaceRow: (row: Row) => void;
}
