import { Alert, AutoComplete, Col, Divider, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import type { ApiInput, Member, MemberAddResult, OrgSummary } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { blank, required } from '../../components/formText';
import { useSavingAction } from '../../components/useApiError';
import { ageOn, birthDateFromIdNumber, guardianAge } from './identity';
import { idTypeLabels, numberCarriesBirth } from './labels';
import { OrgPicker } from './OrgPicker';
import { ledgerToday } from '../../components/ledgerToday';

interface Fields {
  orgId?: number;
  name: string;
  idType: Member['idType'];
  idNumber: string;
  phone?: string;
  joinedOn: string | null;
  birthDate?: string | null;
  gender?: 'M' | 'F';
  notes?: string;
  guardianName?: string;
  guardianRelation?: string;
  guardianPhone?: string;
  guardianConsentOn?: string | null;
  guardianConsentMethod?: string;
}

interface Props {
  orgs: OrgSummary[];
  defaultOrgId?: number;
  onClose: () => void;
  onSaved: (result: MemberAddResult) => void;
}

const relations = ['父亲', '母亲', '祖父', '祖母', '外祖父', '外祖母', '其他监护人'].map((value) => ({ value }));
const consentMethods = ['书面签字', '电子签名', '现场口头确认并记录'].map((value) => ({ value }));

/** What the form can tell from the number before saving; the backend checks it for real. */
function describeBirth(idType: Member['idType'], idNumber: string | undefined, typedBirth: string | null | undefined) {
  const fromNumber = numberCarriesBirth(idType);
  const birthDate = fromNumber ? birthDateFromIdNumber(idNumber ?? '') : (typedBirth ?? null);
  const digits = (idNumber ?? '').replace(/\s+/g, '');
  const gender = fromNumber && digits.length === 18 ? (Number(digits.charAt(16)) % 2 === 1 ? '男' : '女') : null;
  return { birthDate, gender, fromNumber };
}

/** Mounted only while open, so every opening starts from a blank form. */
export function AddMemberModal({ orgs, defaultOrgId, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Fields>();
  const [saving, run] = useSavingAction();
  const idType = Form.useWatch('idType', form) ?? 'resident_id';
  const idNumber = Form.useWatch('idNumber', form);
  const typedBirth = Form.useWatch('birthDate', form);
  const today = ledgerToday();
  const birth = describeBirth(idType, idNumber, typedBirth);
  const needsGuardian = birth.birthDate !== null && birth.birthDate <= today && ageOn(birth.birthDate, today) < guardianAge;
  const defaultOrg = orgs.find((o) => o.id === defaultOrgId && o.status !== 'retired')?.id;

  async function submit(values: Fields) {
    const input: ApiInput<'member.add'> = {
      orgId: values.orgId!,
      name: values.name,
      idType: values.idType,
      idNumber: values.idNumber,
      phone: blank(values.phone),
      notes: blank(values.notes),
      ...(values.joinedOn ? { joinedOn: values.joinedOn } : {}),
      ...(!birth.fromNumber && values.birthDate ? { birthDate: values.birthDate } : {}),
      ...(!birth.fromNumber && values.gender ? { gender: values.gender } : {}),
      ...(needsGuardian
        ? {
            guardianName: blank(values.guardianName),
            guardianRelation: blank(values.guardianRelation),
            guardianPhone: blank(values.guardianPhone),
            guardianConsentOn: values.guardianConsentOn ?? null,
            guardianConsentMethod: blank(values.guardianConsentMethod),
          }
        : {}),
    };
    const saved = await run(() => invoke('member.add', input));
    if (saved) onSaved(saved);
  }

  const birthHint = birth.fromNumber
    ? birth.birthDate
      ? `出生日期 ${birth.birthDate}${birth.gender ? `，${birth.gender}` : ''}（按证件号码）`
      : '出生日期和性别由证件号码决定'
    : undefined;

  return (
    <Modal open title="新增会员" onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={saving} width={780}>
      <Form form={form} name="member-add" layout="vertical" onFinish={submit} initialValues={{ orgId: defaultOrg, idType: 'resident_id', joinedOn: today }}>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
              <OrgPicker orgs={orgs} openOnly placeholder="选择会员所在的基层组织" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="name" label="姓名" rules={required('请填写姓名')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="idType" label="证件类型">
              <Select options={Object.entries(idTypeLabels).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="idNumber" label="证件号码" rules={required('请填写证件号码')} extra={birthHint}>
              <Input maxLength={40} autoComplete="off" placeholder={birth.fromNumber ? '18 位号码；15 位旧号码会自动升级' : undefined} />
            </Form.Item>
          </Col>
          {!birth.fromNumber && (
            <>
              <Col span={10}>
                <Form.Item name="birthDate" label="出生日期" rules={[{ required: true, message: '请填写出生日期' }]}>
                  <DateInput disabledFuture />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item name="gender" label="性别">
                  <Radio.Group options={[{ value: 'M', label: '男' }, { value: 'F', label: '女' }]} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={10}>
            <Form.Item name="phone" label="联系电话">
              <Input maxLength={30} placeholder="手机或 0571-87654321" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="joinedOn" label="入会日期" rules={[{ required: true, message: '请选择入会日期' }]}>
              <DateInput disabledFuture />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label="备注">
              <Input.TextArea maxLength={2000} rows={2} />
            </Form.Item>
          </Col>
        </Row>
        {needsGuardian && (
          <section aria-label="监护人">
            <Divider titlePlacement="start" style={{ marginTop: 0 }}>监护人</Divider>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={`未满 ${guardianAge} 周岁（出生日期 ${birth.birthDate}）：依照个人信息保护法第三十一条，须取得监护人同意并登记以下信息。`}
            />
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="guardianName" label="监护人姓名" rules={required('请填写监护人姓名')}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="guardianRelation" label="与本人关系" rules={required('请填写与本人关系')}>
                  <AutoComplete options={relations} maxLength={20} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="guardianPhone" label="监护人电话" rules={required('请填写监护人电话')}>
                  <Input maxLength={30} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="guardianConsentOn" label="同意日期" rules={[{ required: true, message: '请选择同意日期' }]}>
                  <DateInput disabledFuture />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name="guardianConsentMethod" label="同意方式" rules={required('请填写同意方式')}>
                  <AutoComplete options={consentMethods} maxLength={50} />
                </Form.Item>
              </Col>
            </Row>
          </section>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          同一证件号码在全县只登记一次；号码已在台账中时不会重复新增，而是打开该会员。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
