import { App } from 'antd';
import { useCallback } from 'react';

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
