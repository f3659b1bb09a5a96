import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Col, Form, Input, Modal, Radio, Row, Space, Table, Typography } from 'antd';
import type { StarAward, StarCandidate, StarOverview } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction, useSavingAction } from '../../components/useApiError';
import { belongsTo, stars } from './labels';
import { VolunteerPicker } from './VolunteerPicker';
import { ledgerToday } from '../../components/ledgerToday';

type LevelRow = StarOverview['levels'][number];

/** 星级志愿者: who the hours qualify as of a date, county awards of 1–3 stars, candidates for 4–5, and the register. */
export function StarsTab({ reloadToken, onChanged }: { reloadToken: number; onChanged: () => void }) {
  const [asOf, setAsOf] = useState<string | null>(null);
  const [overview, setOverview] = useState<StarOverview | null>(null);
  const [register, setRegister] = useState<{ rows: StarAward[]; next: string | null }>({ rows: [], next: null });
  const [awarding, setAwarding] = useState<number | null>(null);
  const run = useApiAction();

  useEffect(() => {
    let live = true;
    setOverview(null);
    void run(() => invoke('star.overview', asOf ? { asOf } : {})).then((o) => live && o && setOverview(o));
    return () => {
      live = false;
    };
  }, [asOf, reloadToken, run]);

  const loadRegister = useCallback(
    async (after: string | null) => {
      const page = await run(() => invoke('star.register', { limit: 100, ...(after ? { after } : {}) }));
      if (page) setRegister((r) => ({ rows: after ? r.rows.concat(page.rows) : page.rows, next: page.nextCursor }));
    },
    [run],
  );
  useEffect(() => {
    void loadRegister(null);
  }, [loadRegister, reloadToken]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        <span>统计截至</span>
        <div style={{ width: 160 }}>
          <DateInput value={asOf} onChange={setAsOf} placeholder="今天" id="stars-as-of" />
        </div>
        {overview && <Typography.Text type="secondary">门槛：{overview.thresholds.map((t, i) => `${i + 1} 星 ${t} 小时`).join('，')}</Typography.Text>}
      </Space>
      <Card size="small" title="各星级人数">
        <Table<LevelRow>
          aria-label="星级概况"
          size="small"
          rowKey="level"
          loading={overview === null}
          dataSource={overview?.levels ?? []}
          pagination={false}
          columns={[
            { title: '星级', dataIndex: 'level', render: (v: number) => stars(v) },
            { title: '累计时长门槛', dataIndex: 'thresholdHours', render: (v: number) => `${v} 小时` },
            { title: '达到标准待授予', dataIndex: 'eligible', align: 'right' },
            { title: '已授予', dataIndex: 'awarded', align: 'right' },
            { title: '授予机关', key: 'who', render: (_: unknown, r: LevelRow) => (r.level <= 3 ? '县级红十字会' : r.level === 4 ? '市级红十字会（县级推荐）' : '省级红十字会（县级推荐）') },
            {
              title: '',
              key: 'action',
              width: 80,
              render: (_: unknown, r: LevelRow) =>
                r.level <= 3 && (
                  <Button size="small" type="link" onClick={() => setAwarding(r.level)} aria-label={`授予 ${r.level} 星`}>
                    授予
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={`4、5 星候选人（向市、省红十字会推荐）${overview ? `：${overview.candidateCount} 人` : ''}`}>
        <Table<StarCandidate>
          aria-label="4、5 星候选人"
          size="small"
          rowKey="volunteerId"
          dataSource={overview?.candidates ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '证件号码', dataIndex: 'idNumber', render: (v: string | null) => v ?? '—' },
            { title: '所属组织', dataIndex: 'orgName', render: (v: string | null) => belongsTo(v) },
            { title: '累计时长（小时）', dataIndex: 'hours', align: 'right' },
            { title: '达到', dataIndex: 'level', render: (v: number) => stars(v) },
            { title: '已获', dataIndex: 'awardedLevel', render: (v: number | null) => stars(v) },
          ]}
        />
      </Card>
      <Card size="small" title="星级授予登记">
        <Table<StarAward>
          aria-label="星级授予登记"
          size="small"
          rowKey="id"
          dataSource={register.rows}
          pagination={false}
          columns={[
            { title: '授予日期', dataIndex: 'awardedOn', width: 110 },
            { title: '姓名', dataIndex: 'name' },
            { title: '证件号码', dataIndex: 'idNumber', render: (v: string | null) => v ?? '—' },
            { title: '星级', dataIndex: 'level', render: (v: number) => stars(v) },
            { title: '授予时累计（小时）', dataIndex: 'hoursAtAward', align: 'right' },
            { title: '文号', dataIndex: 'documentNo', render: (v: string | null) => v ?? '—' },
            { title: '授予机关', dataIndex: 'awardingLevel', render: (v: StarAward['awardingLevel']) => ({ county: '县级', city: '市级', province: '省级' })[v] },
          ]}
          footer={() =>
            register.next ? <Button size="small" onClick={() => void loadRegister(register.next)}>加载更多</Button> : <Typography.Text type="secondary">共 {register.rows.length} 条</Typography.Text>
          }
        />
      </Card>
      {awarding !== null && (
        <AwardModal
          level={awarding}
          onClose={() => setAwarding(null)}
          onSaved={() => {
            setAwarding(null);
            onChanged();
          }}
        />
      )}
    </Space>
  );
}

interface AwardFields {
  volunteerId?: number;
  level: number;
  awardedOn: string | null;
  documentNo?: string;
}

function AwardModal({ level, onClose, onSaved }: { level: number; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<AwardFields>();
  const [saving, run] = useSavingAction();
  async function submit(values: AwardFields) {
    const saved = await run(
      () =>
        invoke('star.award', {
          volunteerId: values.volunteerId!,
          level: values.level,
          ...(values.awardedOn ? { awardedOn: values.awardedOn } : {}),
          documentNo: values.documentNo?.trim() || null,
        }),
      '已授予',
    );
    if (saved) onSaved();
  }
  return (
    <Modal open title="授予星级" onCancel={onClose} onOk={() => form.submit()} okText="授予" cancelText="取消" confirmLoading={saving}>
      <Form form={form} name="star-award" layout="vertical" onFinish={submit} initialValues={{ level, awardedOn: ledgerToday() }}>
        <Form.Item name="volunteerId" label="志愿者" rules={[{ required: true, message: '请选择志愿者' }]}>
          <VolunteerPicker />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="level" label="星级">
              <Radio.Group options={[1, 2, 3].map((l) => ({ value: l, label: `${l} 星` }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="awardedOn" label="授予日期" rules={[{ required: true, message: '请选择授予日期' }]}>
              <DateInput disabledFuture />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="documentNo" label="文号">
          <Input maxLength={60} placeholder="如：西红〔2026〕30号" />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          县级红十字会授予 1–3 星；授予时按截至授予日期的累计服务时长核对，并记下当时的时长，之后时长变化不影响已授予的星级。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
