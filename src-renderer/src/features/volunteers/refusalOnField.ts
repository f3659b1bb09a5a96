/** The one thing used of antd's FormInstance (kept structural, so the helper is testable without the DOM). */
interface FieldErrors<N extends string> {
  setFields(fields: Array<{ name: N; errors: string[] }>): void;
}

/**
 * Backend refusals name the field as 「标签」 (see core/errors.ts): put the message under that
 * field of the form as well, so the clerk sees where to correct it and not only a passing toast.
 * `labels` maps the Chinese label to the form field name; an unknown label leaves the form as is.
 */
export function showRefusalOnField<N extends string>(form: FieldErrors<NoInfer<N>>, error: unknown, labels: Record<string, N>) {
  const message = error instanceof Error ? error.message : String(error);
  const label = /「([^」]+)」/.exec(message)?.[1];
  const name = label ? labels[label] : undefined;
  if (name) form.setFields([{ name, errors: [message.replace(/^输入有误：/, '')] }]);
}

/** Runs an API call, marking the named field when it is refused, and rethrows for useApiAction's message. */
export async function markingRefusal<T, N extends string>(form: FieldErrors<NoInfer<N>>, labels: Record<string, N>, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    showRefusalOnField(form, error, labels);
    throw error;
  }
}
