import { useCallback, useEffect, useState } from 'react';
import type { ApiInput, ApiOutput, MethodName } from '../../../src-main/core/api/contract';
import { invoke } from '../api/client';

/** The contract's `*.get` methods: they take just `{id}`. */
type ByIdMethod = { [K in MethodName]: ApiInput<K> extends { id: number } ? ({ id: number } extends ApiInput<K> ? K : never) : never }[MethodName];

/**
 * The record a drawer shows, read again whenever `id` changes. Until the answer for the current
 * id arrives `ready` is false, so a drawer moving on never shows the previous record.
 */
export function useRecordById<K extends ByIdMethod>(method: K, id: number | null) {
  type Record = ApiOutput<K>;
  const [loaded, setLoaded] = useState<{ id: number; record: Record | null; error: string | null } | null>(null);

  useEffect(() => {
    if (id === null) return;
    let cancelled = false;
    invoke(method, { id } as ApiInput<K>).then(
      (record) => !cancelled && setLoaded({ id, record, error: null }),
      (e: Error) => !cancelled && setLoaded({ id, record: null, error: e.message }),
    );
    return () => {
      cancelled = true;
    };
  }, [method, id]);

  /** Shows the state an action answered with, without reading it again. */
  const replace = useCallback((record: Record & { id: number }) => setLoaded({ id: record.id, record, error: null }), []);

  const current = loaded && loaded.id === id ? loaded : null;
  return { ready: current !== null, record: current?.record ?? null, error: current?.error ?? null, replace };
}
