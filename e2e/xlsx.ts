// Reads the first worksheet of an .xlsx file back into rows of cell texts, with node:zlib
// only: an .xlsx is a zip of XML parts (ECMA-376), its strings in xl/sharedStrings.xml and
// its cells in xl/worksheets/sheet1.xml. Enough for the journeys to check an export; not
// a general spreadsheet reader (no dates, formulas or inline rich text).
import { inflateRawSync } from 'node:zlib';

/** Every file of a zip archive by name, from its central directory. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + compressed);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Column letters of a cell reference (`AB12` → 27, zero-based). */
const column = (reference: string) =>
  [...reference.replace(/\d+$/, '')].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;

/** The first worksheet's rows, each a list of cell texts (numbers as written, '' for gaps). */
export function readFirstSheet(xlsx: Buffer): string[][] {
  const files = unzip(xlsx);
  const shared = [...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    ([, item]) => unescape([...item.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map(([, t]) => t).join('')),
  );
  const sheet = files.get('xl/worksheets/sheet1.xml')?.toString('utf8');
  if (!sheet) throw new Error('no xl/worksheets/sheet1.xml in the workbook');
  return [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map(([, row]) => {
    const cells: string[] = [];
    for (const [, attributes, body] of row.matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const reference = /r="([A-Z]+\d+)"/.exec(attributes)?.[1] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(body ?? '')?.[1] ?? '';
      const text = /t="s"/.test(attributes) ? shared[Number(value)] : unescape(value);
      cells[column(reference)] = text;
    }
    return Array.from(cells, (cell) => cell ?? '');
  });
}
