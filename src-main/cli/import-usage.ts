import { importKinds } from '../core/domain/sheet-fields';

// Apart from import-command.ts so that `ledger --help` does not load the importer to print this.
export const importUsage = `  import --kind ${importKinds.join('|')} 文件 [--sheet 工作表] [--encoding gbk|utf8] [--org ID] [--scope ID]
         [--create-orgs-under ID] [--on-duplicate update|keep|reject] [--create-teams] [--dry-run] [--progress]`;
