/** What an empty value shows as, in rosters and drawers alike. */
export const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** A text field left blank (or only spaces) is stored as null. */
export const blank = (v: string | undefined | null) => (v && v.trim() !== '' ? v.trim() : null);

/** A required text field; spaces alone do not count. */
export const required = (message: string) => [{ required: true, whitespace: true, message }];
