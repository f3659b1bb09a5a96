import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobState } from '../../../../src-main/core/api/contract';
import { invoke } from '../../api/client';

const pollMs = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows one backend job at a time: `run` starts it, polls job.get until it is no longer running
 * and resolves with its final state; `job` is the latest state for the progress bar. Leaving the
 * screen stops the polling (the job itself carries on in the backend).
 */
export function useJob() {
  const [job, setJob] = useState<JobState | null>(null);
  const current = useRef<string | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (start: () => Promise<{ jobId: string }>): Promise<JobState | null> => {
    const { jobId } = await start();
    current.current = jobId;
    for (;;) {
      const state = await invoke('job.get', { jobId });
      // A newer job or an unmounted screen: this loop's answer no longer matters.
      if (!mounted.current || current.current !== jobId) return null;
      setJob(state);
      if (state.state !== 'running') {
        current.current = null;
        return state;
      }
      await sleep(pollMs);
    }
  }, []);

  const cancel = useCallback(async () => {
    const jobId = current.current;
    if (jobId) await invoke('job.cancel', { jobId });
  }, []);

  const clear = useCallback(() => setJob(null), []);

  return { job, run, cancel, clear };
}
