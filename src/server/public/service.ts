/**
 * The public portal's use cases: the directory's detail page and open data. Everything here is
 * readable by anyone, so each answer is built from explicit public columns (repository.ts) and
 * the published results, never from the registry's own records.
 */
import type { Db } from '../../db/client.js';
import {
  csvOf, dictionaryOf, directoryColumns, OPEN_DATA_LICENCE, PUBLISHER, resultColumns, tableOf,
  type DataColumn, type DirectoryRecord, type ResultRecord,
} from '../../domain/open-data/datasets.js';
import { todayIso } from '../clock.js';
import { errors } from '../errors.js';
import { publicResults, publicYears, publishedGradesOf } from '../evaluations/5-publication/service.js';
import { addSheet, workbookBuffer } from '../xlsx.js';
import * as repo from './repository.js';
import type { OpenDataCatalog, PublicPlatformDetail } from './schema.js';

export async function publicPlatform(db: Db, id: string): Promise<PublicPlatformDetail> {
  const p = await repo.findPublicPlatform(db, id);
  if (!p) throw errors.notFound('平台');
  return { ...p, grades: await publishedGradesOf(db, id) };
}

async function directory(db: Db): Promise<DirectoryRecord[]> {
  return repo.listDirectory(db);
}

async function yearResults(db: Db, year: number): Promise<ResultRecord[]> {
  const r = await publicResults(db, year);
  const publishedOn = todayIso(new Date(r.publishedAt));
  return r.items.map((x) => ({ year: r.year, platformName: x.platformName, type: x.type, level: x.level, districtName: x.districtName, grade: x.grade, publishedOn }));
}

export const DIRECTORY_TITLE = '重庆市人力资源服务发展平台名录';
const resultsTitle = (year: number) => `${year} 年度人力资源服务发展平台评估结果`;

export async function openDataCatalog(db: Db): Promise<OpenDataCatalog> {
  const [rows, years] = await Promise.all([directory(db), publicYears(db)]);
  const counted = await Promise.all(years.map(async (y) => ({ ...y, rows: (await publicResults(db, y.year)).items.length })));
  return {
    publisher: PUBLISHER,
    licence: { title: OPEN_DATA_LICENCE.title, text: [...OPEN_DATA_LICENCE.text] },
    directory: { title: DIRECTORY_TITLE, rows: rows.length, dictionary: dictionaryOf(directoryColumns) },
    results: { title: '年度评估结果', dictionary: dictionaryOf(resultColumns), years: counted.sort((a, b) => b.year - a.year) },
  };
}

/** A download: its Chinese filename, an ASCII one for old clients, and its bytes. */
export interface DataFile { filename: string; asciiName: string; body: Buffer | string }

/** A dataset as a workbook: the data, then its dictionary and licence on a second sheet. */
async function workbookOf<T>(title: string, columns: readonly DataColumn<T>[], rows: readonly T[]): Promise<Buffer> {
  return workbookBuffer((wb) => {
    wb.title = title;
    wb.company = PUBLISHER;
    addSheet(wb, { name: '数据', rows: tableOf(columns, rows), columns: columns.map((c, i) => ({ header: c.header, width: c.width, value: (r: string[]) => r[i] ?? '' })) });
    const dictionary = dictionaryOf(columns);
    const ws = addSheet(wb, {
      name: '数据字典',
      rows: dictionary,
      columns: [
        { header: '字段名称', width: 18, value: (d) => d.column },
        { header: '含义', width: 50, value: (d) => d.meaning },
        { header: '格式或取值', width: 60, value: (d) => d.format },
      ],
    });
    ws.addRow([]);
    ws.addRow([`数据来源：${PUBLISHER}`]);
    ws.addRow([OPEN_DATA_LICENCE.title]).font = { bold: true };
    for (const line of OPEN_DATA_LICENCE.text) ws.addRow([line]);
  });
}

export async function directoryFile(db: Db, format: 'xlsx' | 'csv'): Promise<DataFile> {
  const rows = await directory(db);
  const stamp = todayIso().replaceAll('-', '');
  const filename = `${DIRECTORY_TITLE}-${stamp}.${format}`;
  return { filename, asciiName: `hrsp-platforms-${stamp}.${format}`, body: format === 'csv' ? csvOf(directoryColumns, rows) : await workbookOf(DIRECTORY_TITLE, directoryColumns, rows) };
}

export async function resultsFile(db: Db, year: number, format: 'xlsx' | 'csv'): Promise<DataFile> {
  const rows = await yearResults(db, year);
  const filename = `${resultsTitle(year)}.${format}`;
  return { filename, asciiName: `hrsp-results-${year}.${format}`, body: format === 'csv' ? csvOf(resultColumns, rows) : await workbookOf(resultsTitle(year), resultColumns, rows) };
}
