import { App } from 'antd';
import { useCallback, useState } from 'react';

/** Runs an API action and shows its Chinese error message; returns undefined when it failed. */
export function useApiAction() {
  const { message } = App.useApp();
  return useCallback(
    async <T,>(action: () => Promise<T>, success?: string): Promise<T | undefined> => {
      try {
        const result = await action();
        if (success) void message.success(success);
        return result;
      } catch (error) {
        void message.error({ content: (error as Error).message, duration: 6 });
        return undefined;
      }
    },
    [message],
  );
}

/** As useApiAction, with `saving` true while an action runs, for the confirm button's spinner. */
export function useSavingAction() {
  const run = useApiAction();
  const [saving, setSaving] = useState(false);
  const save = useCallback(
    async <T,>(action: () => Promise<T>, success?: string): Promise<T | undefined> => {
      setSaving(true);
      try {
        return await run(action, success);
      } finally {
        setSaving(false);
      }
    },
    [run],
  );
  return [saving, save] as const;
}
