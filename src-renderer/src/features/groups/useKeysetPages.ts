import { useCallback, useEffect, useRef, useState } from 'react';

interface Page<T> {
  rows: T[];
  nextCursor: string | null;
}

interface Loaded<T> {
  key: string;
  rows: T[];
  next: string | null;
}

/**
 * Rows fetched page by page with a keyset cursor. A new `key` (filter or reload) starts again from
 * the first page; the previous rows stay on screen, marked stale, until it arrives. Answers for an
 * outdated key are dropped.
 */
export function useKeysetPages<T extends { id: number }>(key: string, fetchPage: (after: string | undefined) => Promise<Page<T>>) {
  const [loaded, setLoaded] = useState<Loaded<T>>({ key: '', rows: [], next: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [retryToken, setRetryToken] = useState(0);
  const generation = useRef(0);
  const busy = useRef(false);
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });

  useEffect(() => {
    const ticket = ++generation.current;
    busy.current = true;
    setLoading(true);
    setError(null);
    fetchRef.current(undefined)
      .then(
        (page) => {
          if (ticket === generation.current) setLoaded({ key, rows: page.rows, next: page.nextCursor });
        },
        (e: Error) => {
          if (ticket === generation.current) setError({ key, message: e.message });
        },
      )
      .finally(() => {
        if (ticket !== generation.current) return;
        busy.current = false;
        setLoading(false);
      });
  }, [key, retryToken]);

  const current = loaded.key === key;
  const failed = error !== null && error.key === key;

  const loadMore = useCallback(() => {
    if (busy.current || failed || !current || loaded.next === null) return;
    const ticket = generation.current;
    busy.current = true;
    setLoading(true);
    fetchRef.current(loaded.next)
      .then(
        (page) => {
          if (ticket !== generation.current) return;
          setLoaded((l) => {
            const seen = new Set(l.rows.map((r) => r.id));
            return { key: l.key, rows: l.rows.concat(page.rows.filter((r) => !seen.has(r.id))), next: page.nextCursor };
          });
        },
        (e: Error) => {
          if (ticket === generation.current) setError({ key, message: e.message });
        },
      )
      .finally(() => {
        if (ticket !== generation.current) return;
        busy.current = false;
        setLoading(false);
      });
  }, [current, failed, loaded.next, key]);

  const retry = useCallback(() => {
    if (!failed) return;
    setError(null);
    if (!current) setRetryToken((t) => t + 1);
  }, [current, failed]);

  const replaceRow = useCallback((row: T) => {
    setLoaded((l) => ({ ...l, rows: l.rows.map((r) => (r.id === row.id ? row : r)) }));
  }, []);

  return {
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
