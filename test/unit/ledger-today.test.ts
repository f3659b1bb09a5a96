import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../src-main/core/domain/dates';
import { ledgerToday } from '../../src-renderer/src/components/ledgerToday';

// The UI's default dates must be the backend's today, whatever the browser's time zone: at 07:48
// in China (23:48 UTC the day before) a PC or test runner on UTC used to default to yesterday, and
// retiring an organisation founded today was refused.
describe('ledgerToday', () => {
  it('is the date in China, the day the backend checks against, across the UTC midnight gap', () => {
    for (const iso of ['2026-11-29T15:59:59Z', '2026-11-29T16:00:00Z', '2026-11-29T23:48:00Z', '2026-11-30T00:05:00Z', '2024-02-28T16:30:00Z', '2026-12-31T16:00:00Z']) {
      expect(ledgerToday(new Date(iso))).toBe(todayInChina(new Date(iso)));
    }
    expect(ledgerToday(new Date('2026-11-29T23:48:00Z'))).toBe('2026-11-30');
    expect(ledgerToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});
