/**
 * What every cleaner returns: a value the ledger can store (with notes the clerk should read),
 * or a reason in Chinese the preview shows next to the row and column. The caller adds the row
 * number and the header, so reasons say what is wrong with the value and how to fix it.
 */
export type Cleaned<T> = { value: T; warnings: string[] } | { error: string };

export function ok<T>(value: T, warnings: string[] = []): Cleaned<T> {
  return { value, warnings };
}

export function fail<T = never>(error: string): Cleaned<T> {
  return { error };
}

export function isError<T>(result: Cleaned<T>): result is { error: string } {
  return 'error' in result;
}
