// Every failure a clerk can see has a stable code (for programs and tests) and a Chinese
// message that says what went wrong and what to do.
export const errorCodes = {
  INVALID_INPUT: '输入有误',
  UNKNOWN_METHOD: '不支持的操作',
  SETUP_REQUIRED: '请先完成首次设置：填写县级行政区划代码和红十字会名称。',
  COUNTY_CODE_UNKNOWN: '行政区划代码不在县级代码表中',
  COUNTY_MISMATCH: '数据库已属于另一个县',
  NOT_FOUND: '找不到该记录',
  DUPLICATE_NAME: '同一上级下已有同名组织',
  UNKNOWN_TYPE: '未知的组织类型',
  INVALID_MOVE: '不能这样移动组织',
  INVALID_STATE: '当前状态下不能进行该操作',
  DB_CORRUPT: '数据文件已损坏',
  DB_TOO_NEW: '数据文件来自更新版本的程序',
  DB_BUSY: '数据文件正被另一个程序占用',
  FILE_REFUSED: '文件无法导入',
  FILE_TOO_LARGE: '文件过大',
  NO_TABLE: '文件中找不到表头',
  CANCELLED: '操作已取消，台账没有任何改变',
  UNDO_BLOCKED: '不能撤销：之后已有修改依赖这些记录',
  STALE_PREVIEW: '台账在预览之后有了改动，这次导入没有写入任何内容。请重新预览，核对后再导入。',
  JOB_NOT_FOUND: '找不到该任务，可能已过期，请重新开始',
  INTERNAL: '程序内部错误',
  BACKEND_STOPPED: '后台处理意外中止，这一步如未完成已自动撤回，台账没有半途写入的内容。请重试。',
  SHUTTING_DOWN: '程序正在退出，操作没有执行。',
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = errorCodes[code],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function fail(code: ErrorCode, message?: string): never {
  throw new AppError(code, message);
}
