import { useEffect, useState } from 'react';
import type { OrgSummary } from '../../../src-main/core/api/contract';
import { invoke } from '../api/client';

/** Every organisation, retired ones too (old records still name them), for the pickers and filters. */
export function useOrgList() {
  const [orgs, setOrgs] = useState<OrgSummary[]>([]);
  useEffect(() => {
    void invoke('org.list', { includeRetired: true }).then(setOrgs, () => setOrgs([]));
  }, []);
  return orgs;
}
