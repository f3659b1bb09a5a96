import type { Backend } from '../core/api/dispatch';
import { dispatch } from '../core/api/dispatch';
import { AppError } from '../core/errors';
import { todayInChina } from '../core/domain/dates';
import { seedLedger, type SeedScale, type SeedStats } from '../core/seed/seed-ledger';

const scales: readonly SeedScale[] = ['small', 'medium', 'large'];
const defaultCounty = { divisionCode: '330106', name: '杭州市西湖区红十字会' };

/**
 * Synthetic data for demos, tests and benchmarks. A bulk path on purpose: it writes straight
 * through prepared statements in one transaction rather than row by row through dispatch.
 */
export async function runSeed(backend: Backend, scaleFlag: string | undefined, seedFlag: string | undefined, quiet: boolean): Promise<SeedStats> {
  const scale = scaleFlag as SeedScale;
  if (!scales.includes(scale)) throw new AppError('INVALID_INPUT', '--scale 应为 small、medium 或 large。');
  if (seedFlag !== undefined && !/^\d+$/.test(seedFlag)) throw new AppError('INVALID_INPUT', '--seed 应为非负整数。');
  const status = await dispatch(backend, 'app.status', {});
  if (!status.ok) throw new AppError('INTERNAL', status.error.message);
  let county = (status.value as { county: { divisionCode: string } | null }).county;
  if (!county) {
    const setup = await dispatch(backend, 'county.setup', defaultCounty);
    if (!setup.ok) throw new AppError(setup.error.code as never, setup.error.message);
    county = defaultCounty;
    process.stderr.write(`数据库尚未设置县区，已按示例设为 ${defaultCounty.name}（${defaultCounty.divisionCode}）。\n`);
  }
  const { sqlite } = backend.db;
  const existing = sqlite.prepare('SELECT (SELECT count(*) FROM organization) + (SELECT count(*) FROM person) AS n').get() as { n: number };
  if (existing.n > 0) throw new AppError('INVALID_STATE', '数据库中已有组织或人员，seed 只能写入空数据库。请换一个 --db 文件。');
  return seedLedger(sqlite, {
    scale,
    seed: seedFlag === undefined ? 1 : Number(seedFlag),
    today: todayInChina(),
    countyCode: county.divisionCode,
    onProgress: quiet || !process.stderr.isTTY ? undefined : (phase, done, total) => process.stderr.write(`\r${phase} ${done}/${total}    `),
  });
}
