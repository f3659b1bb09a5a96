import { useEffect, useState } from 'react';
import { Alert, App, Button, Space, Table, Typography } from 'antd';
import type { DuesOverdue, OverdueRow } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { useApiAction } from '../../components/useApiError';

interface Props {
  orgId: number | undefined;
  orgName: string | null;
  version: number;
  onChanged: () => void;
}

interface LastLapse {
  undoable: boolean;
  count: number;
  orgName: string | null;
}

/**
 * Members with two consecutive unpaid completed years after joining. They still count as members
 * until the clerk lapses them, all at once after one confirmation; the last such action can be
 * undone until anything else is changed.
 */
export function OverdueList({ orgId, orgName, version, onChanged }: Props) {
  const [overdue, setOverdue] = useState<DuesOverdue | null>(null);
  const [last, setLast] = useState<LastLapse | null>(null);
  const run = useApiAction();
  const { modal, message } = App.useApp();

  useEffect(() => {
    let live = true;
    setOverdue(null);
    void invoke('dues.overdue', { limit: 1000, ...(orgId !== undefined ? { orgId } : {}) }).then((o) => live && setOverdue(o), () => undefined);
    void invoke('dues.lastLapse', {}).then((l) => live && setLast(l), () => undefined);
    return () => {
      live = false;
    };
  }, [orgId, version]);

  function lapseAll(count: number) {
    modal.confirm({
      title: `确认将 ${count} 名会员视为自动退会？`,
      content: `范围：${orgName ?? '全县'}。这些会员连续两个已结束年度未缴会费，将以今天为退会日期、“视为自动退会”为原因办理退会。在进行其他操作之前，可以撤销。`,
      okText: '确认退会',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const done = await run(
          () => invoke('dues.lapseOverdue', { confirm: true, expectedCount: count, ...(orgId !== undefined ? { orgId } : {}) }),
          `已将 ${count} 名会员视为自动退会`,
        );
        if (done) onChanged();
      },
    });
  }

  async function undo() {
    const done = await run(() => invoke('dues.undoLastLapse', {}));
    if (done) {
      void message.success(`已撤销，${done.count} 名会员恢复在册`);
      onChanged();
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text role="status" aria-label="视为自动退会人数">
          {overdue === null ? '正在检查……' : `连续两年未缴会费、视为自动退会：${overdue.count.toLocaleString('zh-CN')} 人（仍计入在册会员，办理退会后才不计入）`}
        </Typography.Text>
        <Space>
          <Button danger type="primary" disabled={!overdue || overdue.count === 0} onClick={() => overdue && lapseAll(overdue.count)}>
            一键退会
          </Button>
          <Button disabled={!last?.undoable} onClick={() => void undo()}>
            撤销上次一键退会{last?.undoable ? `（${last.count} 人）` : ''}
          </Button>
        </Space>
      </Space>
      {overdue && overdue.count > overdue.rows.length && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`名单较长，下面列出前 ${overdue.rows.length} 人；一键退会对全部 ${overdue.count} 人办理。`} />
      )}
      <Table<OverdueRow>
        aria-label="视为自动退会名单"
        size="small"
        rowKey="memberId"
        loading={overdue === null}
        dataSource={overdue?.rows ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '没有连续两年未缴会费的会员' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 110 },
          { title: '证件号码', dataIndex: 'idNumber', width: 190, render: (v: string | null) => v ?? '—' },
          { title: '所属组织', dataIndex: 'orgName', ellipsis: true },
          { title: '入会日期', dataIndex: 'joinedOn', width: 110 },
          { title: '未缴年度', dataIndex: 'unpaidYears', render: (years: number[]) => years.join('、') },
        ]}
      />
    </>
  );
}
