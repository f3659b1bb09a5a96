import { useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Space, Tabs, Tag, Typography } from 'antd';
import type { Org } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { OrgHistory } from './OrgHistory';
import { bojiaLabels, statusColors, statusLabels } from './labels';

interface Props {
  org: Org;
  historyVersion: number;
  onEdit: () => void;
  onAddChild: () => void;
  onMove: () => void;
  onRetire: () => void;
  onRestore: () => void;
  onPick: (id: number) => void;
}

/** Phone numbers stay masked until the clerk asks to see one. */
function LeaderPhone({ org }: { org: Org }) {
  const [full, setFull] = useState<string | null>(null);
  if (!org.leaderPhone) return <>—</>;
  return (
    <Space size={4}>
      <span>{full ?? org.leaderPhone}</span>
      {full === null && (
        <Button size="small" type="link" onClick={() => void invoke('org.get', { id: org.id, reveal: true }).then((o) => setFull(o.leaderPhone))}>
          显示
        </Button>
      )}
    </Space>
  );
}

export function OrgDetail({ org, historyVersion, onEdit, onAddChild, onMove, onRetire, onRestore, onPick }: Props) {
  const retired = org.status === 'retired';
  return (
    <Card
      title={
        <Space orientation="vertical" size={0}>
          <Breadcrumb items={org.path.map((p) => ({ title: p.id === org.id ? p.name : <a onClick={() => onPick(p.id)}>{p.name}</a> }))} />
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }}>{org.name}</Typography.Title>
            <Tag color={statusColors[org.status]}>{statusLabels[org.status]}</Tag>
          </Space>
        </Space>
      }
      extra={
        <Space wrap>
          <Button onClick={onEdit}>编辑</Button>
          <Button onClick={onAddChild} disabled={retired}>新增下级</Button>
          <Button onClick={onMove}>移动</Button>
          {retired ? <Button onClick={onRestore}>恢复</Button> : <Button danger onClick={onRetire}>撤销</Button>}
        </Space>
      }
    >
      <Tabs
        key={org.id}
        items={[
          {
            key: 'info',
            label: '基本信息',
            children: (
              <Descriptions column={2} size="small" bordered>
                <Descriptions.Item label="类型">{org.type ?? <Typography.Text type="warning">未分类</Typography.Text>}</Descriptions.Item>
                <Descriptions.Item label="下级组织">{org.childCount} 个</Descriptions.Item>
                <Descriptions.Item label="成立日期">{org.foundedOn ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="统计用区划代码">{org.divisionCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="会长/带头人">{org.leaderName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="联系电话"><LeaderPhone key={org.id + org.updatedAt} org={org} /></Descriptions.Item>
                <Descriptions.Item label="本届开始">{org.termStartedOn ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="本届届满">{org.termEndsOn ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="博爱家园">{bojiaLabels[org.bojiaStatus]}</Descriptions.Item>
                <Descriptions.Item label="冠名红十字医疗机构">{org.redCrossNamed ? '是' : '否'}</Descriptions.Item>
                {retired && <Descriptions.Item label="撤销日期" span={2}>{org.retiredOn}</Descriptions.Item>}
                <Descriptions.Item label="服务阵地" span={2}>{org.serviceSite ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="备注" span={2}>{org.notes ?? '—'}</Descriptions.Item>
              </Descriptions>
            ),
          },
          { key: 'history', label: '变更记录', children: <OrgHistory orgId={org.id} version={historyVersion} /> },
        ]}
      />
    </Card>
  );
}
