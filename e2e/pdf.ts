import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** poppler-utils are part of the test environment: a missing tool fails the test rather than skipping it. */
export function pdfTool(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`${tool} failed or is not installed (apt-get install poppler-utils): ${String(error)}`);
  }
}

/** Share of dark pixels in a binary PGM (P5, 8 bit): a blank page is near 0. */
export function darkShare(file: string): number {
  const buf = fs.readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [whole, w, h] = header;
  const pixels = buf.subarray(whole.length);
  if (pixels.length !== Number(w) * Number(h)) throw new Error(`PGM size ${pixels.length} ≠ ${w}×${h}`);
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}

/** Whitespace removed: pdftotext breaks and spaces Chinese lines as the layout falls. */
export const squeeze = (s: string): string => s.replace(/\s+/g, '');
