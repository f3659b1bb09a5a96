import fs from 'node:fs';

// Opening a ledger checks it (PRAGMA quick_check) before anything writes to it, so a damaged file
// is refused untouched. On a county-scale ledger (1 GB) that check takes 12–20 s, paid by every app
// start and every `ledger` command. It is only needed when the file may have changed since this
// program last had it in a known-good state: a clean close records the file's size, mtime and
// inode in a small sidecar (`<file>.verified.json`); the next open skips the check only when
//   - the file still has exactly that size, mtime and inode (nobody wrote to it since),
//   - the sidecar was written in a later file-system time tick than the file's last change, so a
//     write in the same tick as ours would still be noticed (git's "racily clean" rule; a file
//     system with 1–2 s timestamps simply checks every time),
//   - no write-ahead log is left over (a crash or power cut, or another program has it open),
//   - and a full check ran within the last week (a disk can rot what nobody wrote).

const recheckAfterMs = 7 * 24 * 3600_000;
/** Longest time-stamp tick we wait out at close (ext4 and NTFS are far finer; FAT's 2 s is not). */
const tickMs = 20;

interface Verified {
  size: number;
  mtimeMs: number;
  ino: number;
  lastFullCheckAt: string;
}

export function verifiedFile(file: string): string {
  return `${file}.verified.json`;
}

/** When the file was last fully checked, if its last clean close vouches for it; null when it must
 *  be checked on this open. */
export function vouchedCheckAt(file: string, now: Date): Date | null {
  let db: fs.Stats;
  let sidecar: fs.Stats;
  let verified: Verified;
  try {
    db = fs.statSync(file);
    sidecar = fs.statSync(verifiedFile(file));
    verified = JSON.parse(fs.readFileSync(verifiedFile(file), 'utf8')) as Verified;
  } catch {
    return null; // no record of a clean close
  }
  // A crash or power cut, or another program has it open.
  if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0) return null;
  // Changed since the last clean close.
  if (db.size !== verified.size || db.mtimeMs !== verified.mtimeMs || db.ino !== verified.ino) return null;
  // Changed in the same time tick as the record was written.
  if (!(sidecar.mtimeMs > db.mtimeMs)) return null;
  // A week since the last full check (or a record from the future).
  const last = Date.parse(verified.lastFullCheckAt);
  if (!(now.getTime() - last < recheckAfterMs) || last > now.getTime()) return null;
  return new Date(last);
}

/**
 * After a clean close (the log checkpointed into the file and removed): records the file as it is
 * now. Waits out one time-stamp tick first, so the record's own mtime is later than the file's.
 */
export async function recordCleanClose(file: string, lastFullCheckAt: Date): Promise<void> {
  try {
    if (fs.existsSync(`${file}-wal`)) return;
    await new Promise((resolve) => setTimeout(resolve, tickMs));
    const db = fs.statSync(file);
    const record: Verified = { size: db.size, mtimeMs: db.mtimeMs, ino: db.ino, lastFullCheckAt: lastFullCheckAt.toISOString() };
    const temp = `${verifiedFile(file)}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(record)}\n`);
    fs.renameSync(temp, verifiedFile(file));
  } catch {
    // Without a record the next open simply runs the check.
  }
}
