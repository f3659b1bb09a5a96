import countyList from '../../../resources/division-codes/county-codes-2023.json';

// GB/T 2260 county-level codes, bundled and versioned so the app works offline.
// A county chooses its own code at setup; a newer list is a new file and a new version string.

interface CountyListFile {
  format: number;
  version: string;
  source: string;
  provinces: Record<string, string>;
  counties: Record<string, [name: string, city: string, province: string]>;
}

const list = countyList as unknown as CountyListFile;

export const divisionListVersion = list.version;
export const divisionListSource = list.source;

export interface CountyInfo {
  code: string;
  name: string;
  city: string;
  province: string;
}

export function lookupCounty(code: string): CountyInfo | null {
  const entry = list.counties[code];
  if (!entry) return null;
  const [name, city, province] = entry;
  return { code, name, city, province };
}

export function provinceName(code: string): string | null {
  return list.provinces[code.slice(0, 2)] ?? null;
}
