import { Checkbox, Col, Form, Input, Switch } from 'antd';
import { DateInput } from '../../components/DateInput';
import { required } from '../../components/formText';

/**
 * The registration part of a volunteer's form, the same when adding and editing: fields of
 * service, the national volunteer system (its number required once registered), the 救护员证 and
 * notes. Rendered inside the caller's <Form> and <Row>.
 */
export function RegistrationFields({ fieldNames, national }: { fieldNames: string[]; national: boolean }) {
  return (
    <>
      <Col span={24}>
        <Form.Item name="fields" label="服务领域">
          <Checkbox.Group options={fieldNames} />
        </Form.Item>
      </Col>
      <Col span={10}>
        <Form.Item name="nationalRegistered" label="已在全国志愿服务信息系统注册" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      </Col>
      <Col span={14}>
        {national && (
          <Form.Item name="nationalNo" label="全国系统注册编号" rules={required('已注册的请填写注册编号')}>
            <Input maxLength={40} />
          </Form.Item>
        )}
      </Col>
      <Col span={10}>
        <Form.Item name="certNo" label="救护员证编号">
          <Input maxLength={40} />
        </Form.Item>
      </Col>
      <Col span={14}>
        <Form.Item name="certExpiresOn" label="救护员证有效期至">
          <DateInput />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="notes" label="备注">
          <Input.TextArea maxLength={2000} rows={2} />
        </Form.Item>
      </Col>
    </>
  );
}
