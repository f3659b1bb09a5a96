import { useCallback, useEffect, useState } from 'react';
import { Tabs } from 'antd';
import type { Team, VolunteerLookups } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useOrgList } from '../../components/useOrgList';
import { ServiceTab } from './ServiceTab';
import { StarsTab } from './StarsTab';
import { TeamsTab } from './TeamsTab';
import { VolunteerList } from './VolunteerList';

/** 志愿者: the roster, 服务队, 服务记录 and 星级, sharing the organisation tree, teams and reference lists. */
export function VolunteersPage() {
  const orgs = useOrgList();
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [lookups, setLookups] = useState<VolunteerLookups>({ fields: [], categories: [], starThresholdsHours: [] });
  const [tab, setTab] = useState('volunteers');
  // Bumped after any write, so every tab shows current hours, stars and member counts when opened.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    void invoke('volunteer.lookups', {}).then(setLookups, () => undefined);
  }, []);
  useEffect(() => {
    void invoke('team.list', {}).then(setTeams, () => setTeams([]));
  }, [version]);

  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      destroyOnHidden
      items={[
        {
          key: 'volunteers',
          label: '志愿者',
          children: <VolunteerList orgs={orgs} teams={teams ?? []} fieldNames={lookups.fields} reloadToken={version} onChanged={changed} />,
        },
        { key: 'teams', label: '服务队', children: <TeamsTab orgs={orgs} teams={teams} fieldNames={lookups.fields} onChanged={changed} /> },
        { key: 'service', label: '服务记录', children: <ServiceTab teams={teams ?? []} categories={lookups.categories} reloadToken={version} onChanged={changed} /> },
        { key: 'stars', label: '星级', children: <StarsTab reloadToken={version} onChanged={changed} /> },
      ]}
    />
  );
}
