import type { FormInstance } from 'antd';

/**
 * Backend refusals name the field as 「标签」 (see core/errors.ts): put the message under that
 * field of the form as well, so the clerk sees where to correct it and not only a passing toast.
 * `labels` maps the Chinese label to the form field name; an unknown label leaves the form as is.
 */
export function showRefusalOnField(form: FormInstance, error: unknown, labels: Record<string, string>) {
  const message = error instanceof Error ? error.message : String(error);
  const label = /「([^」]+)」/.exec(message)?.[1];
  const name = label ? labels[label] : undefined;
  if (name) form.setFields([{ name, errors: [message.replace(/^输入有误：/, '')] }]);
}

/** Runs an API call, marking the named field when it is refused, and rethrows for useApiAction's message. */
export async function markingRefusal<T>(form: FormInstance, labels: Record<string, string>, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    showRefusalOnField(form, error, labels);
    throw error;
  }
}
