import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput, Member, MemberRow, MemberSort } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';

export interface MemberFilter {
  orgId: number | undefined;
  status: MemberRow['status'] | undefined;
  kind: MemberRow['kind'] | undefined;
  search: string;
  sort: MemberSort;
  joinedYear: number | undefined;
}

export const pageSize = 100;

interface Loaded {
  /** The filter (and reload) these rows belong to. */
  key: string;
  rows: MemberRow[];
  next: string | null;
}

function listInput({ orgId, status, kind, search, sort, joinedYear }: MemberFilter, after?: string): ApiInput<'member.list'> {
  return {
    limit: pageSize,
    sort,
    ...(joinedYear !== undefined ? { joinedYear } : {}),
    ...(orgId !== undefined ? { orgId } : {}),
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
    ...(search ? { search } : {}),
    ...(after ? { after } : {}),
  };
}

export function rowOf(member: Member): MemberRow {
  const { id, name, kind, gender, idNumber, phone, orgId, orgName, status, joinedOn } = member;
  return { id, name, kind, gender, idNumber, phone, orgId, orgName, status, joinedOn };
}

/**
 * The roster, fetched page by page with the keyset cursor of `member.list`. A new filter (or
 * `reloadToken`) starts again from the first page; the rows of the previous filter stay on screen,
 * marked stale, until the new first page arrives. Answers for an outdated filter are dropped.
 */
export function useMemberRoster(filter: MemberFilter, reloadToken: number) {
  const { orgId, status, kind, search, sort, joinedYear } = filter;
  const key = JSON.stringify([orgId ?? null, status ?? null, kind ?? null, search, sort, joinedYear ?? null, reloadToken]);
  const [loaded, setLoaded] = useState<Loaded>({ key: '', rows: [], next: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [retryToken, setRetryToken] = useState(0);
  const generation = useRef(0);
  const busy = useRef(false);

  useEffect(() => {
    const ticket = ++generation.current;
    busy.current = true;
    setLoading(true);
    setError(null);
    invoke('member.list', listInput({ orgId, status, kind, search, sort, joinedYear }))
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
  }, [key, orgId, status, kind, search, sort, joinedYear, retryToken]);

  const current = loaded.key === key;
  const failed = error !== null && error.key === key;

  const loadMore = useCallback(() => {
    if (busy.current || failed || !current || loaded.next === null) return;
    const ticket = generation.current;
    busy.current = true;
    setLoading(true);
    invoke('member.list', listInput({ orgId, status, kind, search, sort, joinedYear }, loaded.next))
      .then(
        (page) => {
          if (ticket !== generation.current) return;
          setLoaded((l) => {
            // A member renamed after its page was loaded sorts elsewhere and may come round again.
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
  }, [current, failed, loaded.next, key, orgId, status, kind, search, sort, joinedYear]);

  const retry = useCallback(() => {
    if (!failed) return;
    setError(null);
    // A failed first page starts over; a failed later page continues where it stopped.
    if (!current) setRetryToken((t) => t + 1);
  }, [current, failed]);

  /** Shows a member's new state in place (after an edit, transfer, lapse or restore) without reloading. */
  const replaceRow = useCallback((member: Member) => {
    setLoaded((l) => ({ ...l, rows: l.rows.map((r) => (r.id === member.id ? rowOf(member) : r)) }));
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
