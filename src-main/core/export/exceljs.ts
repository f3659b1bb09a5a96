// exceljs, loaded on first use: requiring it pulls in its zip writers and readers (archiver, unzipper,
// jszip, …), ~60 ms that every `ledger` command and the app's start would otherwise pay even when no
// sheet is written. createRequire keeps it out of the CLI bundle too (scripts/cli-bundle.mjs).
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';

let loaded: typeof ExcelJSModule | null = null;

export function exceljs(): typeof ExcelJSModule {
  loaded ??= createRequire(import.meta.url)('exceljs') as typeof ExcelJSModule;
  return loaded;
}
