import { z } from 'zod';
import { date, id, method } from './primitives';
import { memberKind } from './member';
import { certFilter } from './volunteer';
import { duesReportInput } from './dues';
import { downloadRef } from './files';
import { importKinds } from '../../domain/sheet-fields';

// Excel (and CSV) out: rosters with the filter of their screen, templates and report tables.
// Each produces a file in the exports folder and returns a token for file.read.

export const exportKind = z.enum(importKinds);
export const exportFormat = z.enum(['xlsx', 'csv']);

/** The list screens' filters; each kind reads the ones its list method has. */
export const exportFilter = z
  .object({
    /** The organisation and its whole subtree. */
    orgId: id.optional(),
    search: z.string().trim().max(50).optional(),
    status: z.enum(['active', 'lapsed', 'left']).optional(),
    kind: memberKind.optional(),
    joinedYear: z.number().int().min(1950).max(2100).optional(),
    teamId: id.optional(),
    field: z.string().trim().min(1).max(30).optional(),
    cert: certFilter.optional(),
    volunteerId: id.optional(),
    from: date.optional(),
    to: date.optional(),
    ledByCounty: z.boolean().optional(),
    includeDissolved: z.boolean().optional(),
    includeRetired: z.boolean().optional(),
  })
  .strict();

export const exportResult = downloadRef.extend({ rows: z.number().int() });

export const exportMethods = {
  'export.roster': method(
    z
      .object({
        kind: exportKind,
        filter: exportFilter.default({}),
        /** Full ID numbers and phones instead of masked ones; the file name then says so. */
        fullId: z.boolean().default(false),
        format: exportFormat.default('xlsx'),
      })
      .strict(),
    exportResult,
  ),
  'export.template': method(z.object({ kind: exportKind }).strict(), downloadRef),
  'export.duesReport': method(duesReportInput, exportResult),
} as const;

export type ExportKind = z.output<typeof exportKind>;
export type ExportFilter = z.output<typeof exportFilter>;
export type ExportResult = z.output<typeof exportResult>;
