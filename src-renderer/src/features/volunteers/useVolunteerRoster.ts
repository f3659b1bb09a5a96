import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiInput, Volunteer, VolunteerRow } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';

export interface VolunteerFilter {
  orgId: number | undefined;
  status: VolunteerRow['status'] | undefined;
  field: string | undefined;
  teamId: number | undefined;
  cert: 'expiring' | 'expired' | undefined;
  search: string;
}

export const pageSize = 100;

interface Loaded {
  key: string;
  rows: VolunteerRow[];
  next: string | null;
}

function listInput(filter: VolunteerFilter, after?: string): ApiInput<'volunteer.list'> {
  const { orgId, status, field, teamId, cert, search } = filter;
  return {
    limit: pageSize,
    ...(orgId !== undefined ? { orgId } : {}),
    ...(status ? { status } : {}),
    ...(field ? { field } : {}),
    ...(teamId !== undefined ? { teamId } : {}),
    ...(cert ? { cert } : {}),
    ...(search ? { search } : {}),
    ...(after ? { after } : {}),
  };
}

export function rowOf(v: Volunteer): VolunteerRow {
  const { id, personId, name, gender, idNumber, phone, orgId, orgName, status, registeredOn, hours, starLevel, certExpiresOn } = v;
  return { id, personId, name, gender, idNumber, phone, orgId, orgName, status, registeredOn, hours, starLevel, certExpiresOn };
}

/**
 * The volunteer roster, page by page with the keyset cursor of `volunteer.list` (as the member
 * roster): a new filter starts from the first page, the old rows stay on screen marked stale until
 * it arrives, and answers for an outdated filter are dropped.
 */
export function useVolunteerRoster(filter: VolunteerFilter, reloadToken: number) {
  const key = JSON.stringify([filter.orgId ?? null, filter.status ?? null, filter.field ?? null, filter.teamId ?? null, filter.cert ?? null, filter.search, reloadToken]);
  const [loaded, setLoaded] = useState<Loaded>({ key: '', rows: [], next: null });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const [retryToken, setRetryToken] = useState(0);
  const generation = useRef(0);
  const busy = useRef(false);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  useEffect(() => {
    const ticket = ++generation.current;
    busy.current = true;
    setLoading(true);
    setError(null);
    invoke('volunteer.list', listInput(filterRef.current))
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
    invoke('volunteer.list', listInput(filterRef.current, loaded.next))
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

  const replaceRow = useCallback((v: Volunteer) => {
    setLoaded((l) => ({ ...l, rows: l.rows.map((r) => (r.id === v.id ? rowOf(v) : r)) }));
  }, []);

  return { key, rows: loaded.rows, stale: !current, done: current && loaded.next === null, loading, error: failed ? error.message : null, loadMore, retry, replaceRow };
}
