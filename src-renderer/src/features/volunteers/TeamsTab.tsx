import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Checkbox, Col, Form, Input, Modal, Radio, Row, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { OrgSummary, Team } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { useApiAction, useSavingAction } from '../../components/useApiError';
import { OrgPicker } from '../members/OrgPicker';
import type { KeysetPages } from '../../components/roster/useKeysetPages';
import { VirtualRoster } from '../../components/roster/VirtualRoster';
import { teamColumns } from './teamColumns';
import { TeamDrawer } from './TeamDrawer';
import { VolunteerPicker } from './VolunteerPicker';
import { ExportActions } from '../../components/ExportActions';
import { ImportButton } from '../import/ImportLauncher';
import { ledgerToday } from '../../components/ledgerToday';

interface Props {
  orgs: OrgSummary[];
  teams: Team[] | null;
  fieldNames: string[];
  onChanged: () => void;
}

/** 志愿服务队: under a grassroots organisation or led directly by the county society. */
export function TeamsTab({ orgs, teams, fieldNames, onChanged }: Props) {
  const [adding, setAdding] = useState(false);
  const [showDissolved, setShowDissolved] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  // Memberships also change from the volunteer drawer: reread the counts whenever the tab opens.
  useEffect(() => onChanged(), [onChanged]);
  const { modal } = App.useApp();
  const run = useApiAction();
  const rows = useMemo(() => (teams ?? []).filter((t) => showDissolved || t.status === 'active'), [teams, showDissolved]);
  // A county has hundreds of teams, not millions: team.list answers all of them at once (≈30 ms for
  // the large seed's 1,446) and the roster only virtualises the rows.
  const pages = useMemo<KeysetPages<Team>>(
    () => ({ key: String(showDissolved), rows, stale: false, done: teams !== null, loading: teams === null, error: null, loadMore: () => {}, retry: () => {}, replaceRow: () => {} }),
    [rows, teams, showDissolved],
  );
  const countyLed = (teams ?? []).filter((t) => t.ledByCounty && t.status === 'active').length;

  const dissolve = useCallback(
    (team: Team) =>
      modal.confirm({
        title: `解散“${team.name}”？`,
        content: '解散后不能再登记该队的服务记录，队员随之退出该队；已有记录保留。',
        okText: '解散',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: async () => {
          if (await run(() => invoke('team.dissolve', { id: team.id }), '已解散')) onChanged();
        },
      }),
    [modal, run, onChanged],
  );
  const columns = useMemo(() => teamColumns(dissolve), [dissolve]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space>
          <span>县红十字会直属服务队 {countyLed} 支（目标不少于 3 支）</span>
          <Checkbox checked={showDissolved} onChange={(e) => setShowDissolved(e.target.checked)}>
            显示已解散
          </Checkbox>
        </Space>
        <Space wrap>
          <ExportActions kind="teams" filter={{ includeDissolved: showDissolved }} personal={false} />
          <ImportButton kind="teams" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            新增服务队
          </Button>
        </Space>
      </Space>
      <div style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 200px)', minHeight: 320 }}>
        <VirtualRoster label="服务队列表" emptyText="还没有服务队" columns={columns} pages={pages} onOpen={setOpenId} />
      </div>
      <TeamDrawer teamId={openId} orgs={orgs} fieldNames={fieldNames} onClose={() => setOpenId(null)} onChanged={onChanged} />
      {adding && (
        <AddTeamModal
          orgs={orgs}
          fieldNames={fieldNames}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            onChanged();
          }}
        />
      )}
    </Space>
  );
}

interface TeamFields {
  name: string;
  parent: 'org' | 'county';
  orgId?: number;
  field?: string;
  leaderVolunteerId?: number;
  hasPartyBranch: boolean;
  foundedOn: string | null;
}

function AddTeamModal({ orgs, fieldNames, onClose, onSaved }: { orgs: OrgSummary[]; fieldNames: string[]; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<TeamFields>();
  const [saving, run] = useSavingAction();
  const parent = Form.useWatch('parent', form) ?? 'org';

  async function submit(values: TeamFields) {
    const saved = await run(
      () =>
        invoke('team.add', {
          name: values.name,
          orgId: values.parent === 'org' ? (values.orgId ?? null) : null,
          ledByCounty: values.parent === 'county',
          field: values.field ?? null,
          leaderVolunteerId: values.leaderVolunteerId ?? null,
          hasPartyBranch: values.hasPartyBranch,
          ...(values.foundedOn ? { foundedOn: values.foundedOn } : {}),
        }),
      `已新增服务队“${values.name}”`,
    );
    if (saved) onSaved();
  }

  return (
    <Modal open title="新增服务队" onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} width={640}>
      <Form form={form} name="team-add" layout="vertical" onFinish={submit} initialValues={{ parent: 'org', hasPartyBranch: false, foundedOn: ledgerToday() }}>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写服务队名称' }]}>
              <Input maxLength={100} placeholder="如：象山社区红十字志愿服务队" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="parent" label="隶属">
              <Radio.Group options={[{ value: 'org', label: '基层组织' }, { value: 'county', label: '县红十字会直属' }]} />
            </Form.Item>
          </Col>
          {parent === 'org' && (
            <Col span={24}>
              <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属基层组织' }]}>
                <OrgPicker orgs={orgs} openOnly />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="field" label="服务领域">
              <Select allowClear options={fieldNames.map((f) => ({ value: f, label: f }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="foundedOn" label="成立日期">
              <DateInput disabledFuture />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leaderVolunteerId" label="负责人">
              <VolunteerPicker />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hasPartyBranch" label="党支部" valuePropName="checked">
              <Checkbox>已建立党支部</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
