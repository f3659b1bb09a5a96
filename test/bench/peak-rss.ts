import fs from 'node:fs';

/**
 * This process's own peak RSS in MB. getrusage's maxRSS survives fork and exec, so a child of a
 * large bench runner would report the runner's size; /proc's VmHWM belongs to the address space
 * exec made fresh. Other systems fall back to maxRSS.
 */
export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
