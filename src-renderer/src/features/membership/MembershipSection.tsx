import { Tabs } from 'antd';
import { DuesPage } from '../dues/DuesPage';
import { GroupsPage } from '../groups/GroupsPage';
import { MembersPage } from '../members/MembersPage';

/** The 会员 section: individual members, group members and dues, one tab each (only the open tab is mounted). */
export function MembershipSection() {
  return (
    <Tabs
      destroyOnHidden
      size="small"
      style={{ marginTop: -8 }}
      items={[
        { key: 'members', label: '个人会员', children: <MembersPage /> },
        { key: 'groups', label: '团体会员', children: <GroupsPage /> },
        { key: 'dues', label: '会费', children: <DuesPage /> },
      ]}
    />
  );
}
