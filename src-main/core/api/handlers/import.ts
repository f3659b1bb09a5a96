import { fail } from '../../errors';
import { query, mutation } from '../handler';

// Work in progress: replaced by the import engine before this lands.
const todo = () => fail('INTERNAL', '导入功能尚在开发中。');

export const importHandlers = {
  'import.inspect': query(async () => todo()),
  'import.preview': query(async () => todo()),
  'import.commit': query(async () => todo()),
  'import.rejectedSheet': query(async () => todo()),
  'import.history': query(async () => todo()),
  'import.undo': mutation(async () => todo()),
  'job.get': query(async () => todo()),
  'job.cancel': query(async () => todo()),
};
