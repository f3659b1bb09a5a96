import type { Rng } from './random';

// Mainland mobile numbers: 11 digits, 1[3-9] prefix, drawn from real carrier number blocks.
const PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189', '191', '195', '198', '199',
];

export function mobilePhone(rng: Rng): string {
  return rng.pick(PREFIXES) + String(rng.index(100_000_000)).padStart(8, '0');
}
