/**
 * The one gate an uploaded .xlsx passes before exceljs reads it. A .xlsx is a zip of XML, and
 * a few hundred kilobytes can inflate to a million rows (a zip bomb): exceljs builds them all in
 * memory when it loads a file whole, and its streaming reader keeps every shared string. So:
 *
 * 1. Before inflating: the central directory's entry count, declared sizes and compression
 *    ratios are within XLSX_LIMITS.
 * 2. While inflating every entry once (and throwing the bytes away): the bytes actually inflated
 *    (yauzl refuses an entry that inflates to more than it declares, so a lying header stops
 *    there), and the rows, cells and shared strings in the XML, each counted as it streams;
 *    reading stops at the first limit passed.
 * 3. Then exceljs is given a zip rebuilt from exactly the entries checked, copied compressed,
 *    with the workbook, its relations, shared strings and styles first. exceljs reads a zip by
 *    its local headers, not its central directory, so it never sees bytes that were not
 *    checked; and the order is the one its streaming reader needs (exceljs#3064).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type yauzl from 'yauzl';

const MB = 1024 * 1024;

/**
 * Chosen so that a full 20,000-row directory (MAX_IMPORT_ROWS; about 10 MB of sheet XML,
 * 240,000 cells) passes with more than twice the room, while what exceljs may then hold in
 * memory stays near 150 MB (measured, see bench/xlsx-bomb.ts).
 */
export const XLSX_LIMITS = {
  /** Zip entries; a workbook from Excel or WPS has 10–30. */
  entries: 500,
  /** Inflated bytes of any one entry (a sheet, the shared strings). */
  entryBytes: 50 * MB,
  /** Inflated bytes of all entries together. */
  totalBytes: 100 * MB,
  /** Declared inflated / compressed size of an entry above 1 MB; sheet XML deflates 5–50 times, a bomb about 1,000. */
  ratio: 200,
  /** <row> elements in all sheets together: data, header, example and instruction rows, and empty formatted rows. */
  rows: 50_000,
  /** <c> elements in all sheets together, and shared strings (<si>). */
  cells: 600_000,
} as const;

export type XlsxLimits = { readonly [K in keyof typeof XLSX_LIMITS]: number };

export type XlsxRefusal = { ok: false; code: 'FILE_INVALID' | 'XLSX_TOO_LARGE' | 'TOO_MANY_ROWS'; message: string };
export interface CheckedXlsx {
  ok: true;
  /** The checked entries as a zip again, in the order exceljs's streaming reader needs. */
  zip: Buffer;
  rows: number;
  cells: number;
  inflatedBytes: number;
}

const RATIO_FROM = MB;
const FIRST = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const STORED = 0;
const DEFLATED = 8;
const UTF8_NAMES = 0x0800;

const mbText = (bytes: number): string => `${Math.round(bytes / MB)} MB`;
const count = (n: number): string => n.toLocaleString('en-US');

class Refused extends Error {
  constructor(readonly refusal: XlsxRefusal) {
    super(refusal.message);
  }
}
const refuse = (code: XlsxRefusal['code'], message: string): never => {
  throw new Refused({ ok: false, code, message });
};
const invalid = (): never => refuse('FILE_INVALID', '无法读取该文件，文件可能已损坏；请使用下载的模板填写后上传');
const tooLarge = (message: string): never => refuse('XLSX_TOO_LARGE', message);

/** Row, cell and shared-string start tags (any namespace prefix); tag names are ASCII, so latin1 text is exact. */
const TAG = /<(?:[A-Za-z_][\w.-]*:)?(row|c|si)[\s/>]/g;
/** Longest tail of a chunk that may be the start of a tag finished by the next chunk. */
const CARRY = 64;

/**
 * What the check has read so far, kept up to date as it reads: pass one to checkXlsx to see
 * where a refused file was stopped (the tests assert a bomb is refused after a bounded amount
 * of inflating; bench/xlsx-bomb.ts prints it).
 */
export interface XlsxProbe {
  rows: number;
  cells: number;
  /** Bytes inflated from all entries together. */
  inflatedBytes: number;
  /** Bytes inflated from each entry opened, by name; an entry refused before inflating is absent. */
  inflatedByEntry: Map<string, number>;
}

export const emptyProbe = (): XlsxProbe => ({ rows: 0, cells: 0, inflatedBytes: 0, inflatedByEntry: new Map() });

type Tally = XlsxProbe;

/** Counts one chunk's tags into the tally and returns the unfinished tail to prepend to the next. */
function countTags(carry: string, chunk: Buffer, tally: Tally): string {
  const text = carry + chunk.toString('latin1');
  for (const m of text.matchAll(TAG)) {
    if (m[1] === 'row') tally.rows++;
    else tally.cells++;
  }
  // Only a tail that has not yet reached the end of its name can become a match: anything
  // longer was already matched here, or never will be.
  const tail = text.slice(text.lastIndexOf('<'));
  return tail.startsWith('<') && tail.length < CARRY && !/[\s/>]/.test(tail) ? tail : '';
}

function checkTally(tally: Tally, limits: XlsxLimits): void {
  if (tally.inflatedBytes > limits.totalBytes) tooLarge(`文件解压后超过 ${mbText(limits.totalBytes)} 上限`);
  if (tally.rows > limits.rows) refuse('TOO_MANY_ROWS', `表格行数超过 ${count(limits.rows)} 行上限，请分批导入`);
  if (tally.cells > limits.cells) refuse('TOO_MANY_ROWS', `表格单元格数超过 ${count(limits.cells)} 个上限，请分批导入`);
}

/** What the central directory says, before anything is inflated. */
function checkDeclared(entry: yauzl.Entry, declaredTotal: number, limits: XlsxLimits): void {
  if (entry.isEncrypted() || (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED)) invalid();
  if (entry.uncompressedSize > limits.entryBytes) tooLarge(`文件中的一个部件解压后超过 ${mbText(limits.entryBytes)} 上限`);
  if (declaredTotal > limits.totalBytes) tooLarge(`文件解压后超过 ${mbText(limits.totalBytes)} 上限`);
  if (entry.uncompressedSize > RATIO_FROM && entry.uncompressedSize > limits.ratio * Math.max(entry.compressedSize, 1)) {
    tooLarge(`文件压缩比异常（超过 ${limits.ratio} 倍），不予读取`);
  }
}

/** Inflates one entry, counting bytes and tags as they come, and stops at the first limit passed. */
async function inflateCounting(zip: yauzl.ZipFile, entry: yauzl.Entry, tally: Tally, limits: XlsxLimits): Promise<void> {
  const stream = await zip.openReadStreamPromise(entry);
  let carry = '';
  let entryBytes = 0;
  tally.inflatedByEntry.set(entry.fileName, 0);
  try {
    for await (const chunk of stream) {
      const bytes: unknown = chunk;
      if (!Buffer.isBuffer(bytes)) return invalid();
      entryBytes += bytes.length;
      tally.inflatedBytes += bytes.length;
      tally.inflatedByEntry.set(entry.fileName, entryBytes);
      if (entryBytes > limits.entryBytes) tooLarge(`文件中的一个部件解压后超过 ${mbText(limits.entryBytes)} 上限`);
      carry = countTags(carry, bytes, tally);
      checkTally(tally, limits);
      // Let other requests run while a large entry inflates.
      if (entryBytes % (4 * MB) < bytes.length) await nextTurn();
    }
  } finally {
    stream.destroy();
  }
}

interface Kept {
  entry: yauzl.Entry;
  name: Buffer;
  data: Buffer;
}

/** The entries in the order exceljs's streaming reader needs: workbook parts first, then the rest as they were. */
function ordered(kept: Kept[]): Kept[] {
  const rank = (k: Kept): number => {
    const i = FIRST.indexOf(k.entry.fileName);
    return i < 0 ? FIRST.length : i;
  };
  return kept.map((k, i) => ({ k, i })).sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i).map(({ k }) => k);
}

/** A plain zip (no data descriptors, no zip64: the limits keep it far below 4 GB) of the kept entries. */
function rebuild(kept: Kept[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { entry, name, data } of ordered(kept)) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(entry.compressionMethod, 8);
    local.writeUInt16LE(entry.lastModFileTime, 10);
    local.writeUInt16LE(entry.lastModFileDate, 12);
    local.writeUInt32LE(entry.crc32, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    local.copy(central, 8, 6, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(kept.length, 8);
  end.writeUInt16LE(kept.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

async function walk(buffer: Buffer, limits: XlsxLimits, tally: Tally): Promise<CheckedXlsx> {
  // Loaded on the first upload, not at server start.
  const { default: unzip } = await import('yauzl');
  const zip = await unzip.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  try {
    if (zip.entryCount > limits.entries) tooLarge(`文件包含的部件超过 ${limits.entries} 个上限`);
    const kept: Kept[] = [];
    const names = new Set<string>();
    let declaredTotal = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      // Two entries of one name: readers disagree on which one counts.
      if (names.has(entry.fileName)) invalid();
      names.add(entry.fileName);
      declaredTotal += entry.uncompressedSize;
      checkDeclared(entry, declaredTotal, limits);
      await inflateCounting(zip, entry, tally, limits);
      const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
      kept.push({ entry, name: Buffer.from(entry.fileName, 'utf8'), data: buffer.subarray(fileDataStart, fileDataStart + entry.compressedSize) });
    }
    return { ok: true, zip: rebuild(kept), rows: tally.rows, cells: tally.cells, inflatedBytes: tally.inflatedBytes };
  } finally {
    zip.close();
  }
}

/**
 * The upload checked against the limits, or why it is refused (in Chinese). Never throws.
 * `probe`, when given, is filled in as the check reads (see XlsxProbe).
 */
export async function checkXlsx(buffer: Buffer, limits: XlsxLimits = XLSX_LIMITS, probe: XlsxProbe = emptyProbe()): Promise<CheckedXlsx | XlsxRefusal> {
  try {
    return await walk(buffer, limits, probe);
  } catch (e) {
    if (e instanceof Refused) return e.refusal;
    // Not a zip, a truncated one, or an entry that inflates to more than it declares.
    return { ok: false, code: 'FILE_INVALID', message: '无法读取该文件，文件可能已损坏；请使用下载的模板填写后上传' };
  }
}
