import type { Readable } from 'node:stream';
import unzip from 'unzipper';
import { Invalid, PayloadTooLarge } from '../errors.ts';

/** What an XLSX may unpack to: its XML is streamed, but exceljs keeps every shared string in memory. */
export const MAX_XLSX_INFLATED_BYTES = 256 * 1024 * 1024;
export const MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024;
/**
 * Excel holds at most 32,767 characters in a cell: as UTF-8 with XML escapes that is under 256 KB of text.
 * A longer run without a tag is no spreadsheet's, and an XML parser would gather it whole into one string.
 */
export const MAX_XML_RUN_BYTES = 256 * 1024;

/**
 * Unpacks the workbook once, counting, before exceljs reads it: the 10 MB cap is on the compressed upload, and
 * a few hundred KB can inflate to gigabytes. It reads the archive with the same streaming parser exceljs uses
 * (unzipper), so it sees the very entries and bytes exceljs will, whatever sizes the archive declares.
 */
export async function checkXlsxLimits(src: Readable): Promise<void> {
  const zip = src.pipe(unzip.Parse({ forceStream: true }));
  // The parser can still report a broken entry after the iteration below has stopped; nobody is listening then.
  zip.on('error', () => {});
  src.on('error', (e) => zip.destroy(e));
  let total = 0;
  try {
    for await (const entry of zip as AsyncIterable<unzip.Entry>) {
      const cap = entry.path === 'xl/sharedStrings.xml' ? MAX_SHARED_STRINGS_BYTES : Infinity;
      const tags = runsBetween(0x3c); // '<'
      const ends = runsBetween(0x3e); // '>'
      const xml = /\.(xml|rels)$/i.test(entry.path);
      let size = 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        size += chunk.byteLength;
        total += chunk.byteLength;
        if (size > cap || total > MAX_XLSX_INFLATED_BYTES) throw new PayloadTooLarge('imports.xlsxTooLarge');
        if (xml && !(tags(chunk) && ends(chunk))) throw new Invalid({ file: ['imports.cellTooLong'] }, 'imports.cellTooLong');
      }
    }
  } finally {
    src.destroy();
  }
}

/** A check fed each chunk in turn: false once MAX_XML_RUN_BYTES pass without the byte. */
function runsBetween(byte: number): (chunk: Buffer) => boolean {
  let since = 0;
  return (chunk) => {
    let from = 0;
    for (let at = chunk.indexOf(byte); at !== -1; at = chunk.indexOf(byte, from)) {
      if (since + at - from > MAX_XML_RUN_BYTES) return false;
      since = 0;
      from = at + 1;
    }
    since += chunk.byteLength - from;
    return since <= MAX_XML_RUN_BYTES;
  };
}
