// One writer at a time on the one connection: a dispatched mutation holds an open Kysely
// transaction across awaits, and an import commit holds its own across chunks; interleaving
// them on one connection would nest or mix transactions. Both take this lock.
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
