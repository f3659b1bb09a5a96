import { Tag } from 'antd';
import type { ChecklistTemplate } from '../../../../src-main/core/api/contract';

export function TemplateBadges({ template }: { template: Pick<ChecklistTemplate, 'isDefault' | 'isDraft' | 'confirmedOn' | 'origin'> }) {
  return (
    <>
      {template.isDefault && <Tag color="orange">默认模板·待确认</Tag>}
      {template.isDraft && !template.isDefault && <Tag color="orange">草案</Tag>}
      {template.confirmedOn && <Tag color="green">已确认 {template.confirmedOn}</Tag>}
      {template.origin === 'imported' && <Tag color="blue">导入</Tag>}
    </>
  );
}
