import { dispatch } from '../../src-main/core/api/dispatch';
import { openLedgerDb } from '../../src-main/core/db/open';
import { medianMs, round } from './measure';

/**
 * The organisation screen's queries through the whole stack (dispatch: validation, Kysely,
 * output parsing) against the same SQL as a raw prepared statement, on the same file.
 */
export async function benchOrgQueries(file: string): Promise<Record<string, number>> {
  const db = await openLedgerDb(file);
  const backend = { db };
  const call = async (method: string, input: unknown) => {
    const result = await dispatch(backend, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value;
  };
  try {
    const orgCount = (db.sqlite.prepare('SELECT count(*) AS n FROM organization').get() as { n: number }).n;
    const rawList = db.sqlite.prepare(
      'SELECT o.*, t.name AS type_name, (SELECT count(*) FROM organization c WHERE c.parent_id = o.id) AS child_count FROM organization o LEFT JOIN organization_type t ON t.id = o.type_id ORDER BY o.parent_id, o.id',
    );
    const rawSearch = db.sqlite.prepare("SELECT * FROM organization WHERE name LIKE ? ESCAPE '\\' ORDER BY length(name), id LIMIT 50");
    const someId = (db.sqlite.prepare('SELECT max(id) AS id FROM organization').get() as { id: number }).id;

    const orgListMs = await medianMs(20, () => call('org.list', {}));
    const orgListRawMs = await medianMs(20, () => rawList.all());
    const orgSearchMs = await medianMs(50, () => call('org.search', { query: '社区' }));
    const orgSearchRawMs = await medianMs(50, () => rawSearch.all('%社区%'));
    const orgGetMs = await medianMs(50, () => call('org.get', { id: someId }));
    const orgAddMs = await medianMs(20, () => call('org.add', { name: `基准测试组织${Math.random()}`, type: '企业' }));
    return {
      orgCount,
      orgListMs,
      orgListRawMs,
      orgListRatioToRaw: round(orgListMs / orgListRawMs, 2),
      orgSearchMs,
      orgSearchRawMs,
      orgSearchRatioToRaw: round(orgSearchMs / orgSearchRawMs, 2),
      orgGetMs,
      orgAddMs,
    };
  } finally {
    await db.close();
  }
}
