// The hostile-input corpus, built at test time (a few MB of generated files, no binary blobs in
// git). Each file names the importers that must take it; every other importer must refuse it with
// nothing written. Add a file here for every bug an input ever causes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { entry, repeatedEntry, zip, type RawEntry } from './zip.ts';

export type Importer = 'applications' | 'participants' | 'reviewers' | 'reviewSheets';
export const IMPORTERS: Importer[] = ['applications', 'participants', 'reviewers', 'reviewSheets'];

export interface CorpusFile {
  name: string;
  /** Importers that must import the file; all others must refuse it. */
  accepts: Importer[];
  /** Text the refusal must contain, for the importers whose own format the file is in (default: all). */
  refusalSays?: string;
  refusalBy?: Importer[];
  /** What a successful applications import must have stored (checked by the test). */
  check?: { applications?: number; firstTitle?: string; arrival?: string; participants?: number; names?: string[] };
  note: string;
}

// ---------------------------------------------------------------------------------------------
// Hand-written .xlsx: exact control over every XML byte.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type XCell = string | number | { raw: string } | null;
const col = (i: number) => {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

function sheetXml(rows: XCell[][], opts: { dimension?: string; doctype?: string } = {}): string {
  const body = rows
    .map((r, ri) => {
      const cells = r
        .map((c, ci) => {
          const ref = `${col(ci)}${ri + 1}`;
          if (c === null) return '';
          if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
          if (typeof c === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(c)}</t></is></c>`;
          return c.raw.replace('REF', ref);
        })
        .join('');
      return `<row r="${ri + 1}">${cells}</row>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${opts.doctype ?? ''}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${opts.dimension ? `<dimension ref="${opts.dimension}"/>` : ''}<sheetData>${body}</sheetData></worksheet>`;
}

function xlsxParts(sheet: string, o: { sharedStrings?: string[]; date1904?: boolean } = {}): RawEntry[] {
  const ss = o.sharedStrings;
  return [
    entry(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${ss ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    ),
    entry('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    entry(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${o.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    entry(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${ss ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ''}</Relationships>`,
    ),
    // Style 1 is a date (built-in format 14), for date cells.
    entry(
      'xl/styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
    ...(ss ? [entry('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${ss.length}" uniqueCount="${ss.length}">${ss.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`)] : []),
    entry('xl/worksheets/sheet1.xml', sheet),
  ];
}

// ---------------------------------------------------------------------------------------------
// A valid applications sheet, to break one cell at a time.

export const APP_HEADER = ['受付番号', '年度', 'コース', 'タイトル', '申請機関', '申請者', '送出し機関', '送出し国・地域', '分野', '形態', '招へい人数', '引率者数', '来日予定日', '離日予定日', '申請額'];
const appRow = (i: number): XCell[] => [`C-${i}`, 2026, 'A', `防災の科学技術体験 ${i}`, '東北大学', '山田 太郎', 'Universitas Indonesia', 'ID', '科学技術', '来日', 5, 1, '2026/08/01', '2026/08/07', 1_000_000];
const appCsvRow = (i: number) => (appRow(i) as (string | number)[]).join(',');

export const PARTICIPANT_HEADER = '姓,名,現地表記氏名,性別,生年月日,国籍,所属機関,身分,区分,メール';

const withCell = (i: number, index: number, c: XCell): XCell[] => {
  const r = appRow(i);
  r[index] = c;
  return r;
};

const ZEROS_1M = Buffer.alloc(1024 * 1024, 0x20);

/** Writes every corpus file into `dir` and describes each. */
export function buildCorpus(dir: string): CorpusFile[] {
  mkdirSync(dir, { recursive: true });
  const files: CorpusFile[] = [];
  const add = (name: string, bytes: Buffer | string, f: Omit<CorpusFile, 'name'>) => {
    writeFileSync(join(dir, name), bytes);
    files.push({ name, ...f });
  };
  const xlsx = (rows: XCell[][], o: { dimension?: string; doctype?: string; sharedStrings?: string[]; date1904?: boolean } = {}) =>
    zip(xlsxParts(sheetXml(rows, o), o));

  // --- xlsx: zip bombs -------------------------------------------------------------------------
  {
    const parts = xlsxParts(sheetXml([APP_HEADER, appRow(1)]));
    // One part that inflates to 1.1 GB of spaces from about 1 MB.
    parts[parts.length - 1] = repeatedEntry('xl/worksheets/sheet1.xml', ZEROS_1M, 1100);
    add('bomb-one-large-entry.xlsx', zip(parts), { accepts: [], refusalSays: 'MB', note: 'one 1.1 GB part: refused from the central directory' });
  }
  {
    // The same part, but its headers claim 2 KB: only inflating tells, and inflating stops at 2 KB.
    const parts = xlsxParts(sheetXml([APP_HEADER, appRow(1)]));
    const bomb = repeatedEntry('xl/worksheets/sheet1.xml', ZEROS_1M, 300);
    bomb.declaredSize = 2048;
    parts[parts.length - 1] = bomb;
    add('bomb-lying-sizes.xlsx', zip(parts), { accepts: [], refusalSays: 'zip', note: 'central directory lies about the size' });
  }
  {
    const parts = xlsxParts(sheetXml([APP_HEADER, appRow(1)]));
    for (let i = 0; i < 400; i++) parts.push(repeatedEntry(`xl/media/pad${i}.bin`, ZEROS_1M, 1));
    add('bomb-many-large-entries.xlsx', zip(parts), { accepts: [], refusalSays: 'MB', note: '400 parts of 1 MB each: over the total' });
  }
  {
    const parts = xlsxParts(sheetXml([APP_HEADER, appRow(1)]));
    const tiny = entry('x', 'x');
    for (let i = 0; i < 20_000; i++) parts.push({ ...tiny, name: `xl/junk/${i}.xml` });
    add('bomb-many-entries.xlsx', zip(parts), { accepts: [], refusalSays: '20', note: '20 000 tiny parts' });
  }

  // --- xlsx: structure -------------------------------------------------------------------------
  add('huge-dimension.xlsx', xlsx([APP_HEADER, appRow(1), appRow(2)], { dimension: 'A1:XFD1048576' }), {
    accepts: ['applications'],
    check: { applications: 2 },
    note: '<dimension> claims the whole grid: ignored, two real rows imported',
  });
  add(
    'entity-expansion.xlsx',
    xlsx([APP_HEADER, withCell(1, 3, { raw: '<c r="REF" t="inlineStr"><is><t>&lol9;</t></is></c>' })], {
      doctype: `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>`,
    }),
    { accepts: [], note: 'billion laughs: entities are never expanded' },
  );
  add(
    'shared-string-out-of-range.xlsx',
    xlsx([APP_HEADER, withCell(1, 4, { raw: '<c r="REF" t="s"><v>99999</v></c>' })], { sharedStrings: ['unused'] }),
    { accepts: [], note: 'index past the shared strings: the cell is empty, and 申請機関 is required' },
  );
  add(
    'proto-keys.xlsx',
    xlsx([[...APP_HEADER, '__proto__', 'constructor'], withCell(1, 3, '__proto__'), withCell(2, 3, 'constructor')], {
      sharedStrings: ['__proto__', 'constructor', 'prototype'],
    }),
    { accepts: ['applications'], check: { applications: 2, firstTitle: '__proto__' }, note: '__proto__ / constructor as headers and values are plain text' },
  );
  add('error-values.xlsx', xlsx([APP_HEADER, withCell(1, 4, { raw: '<c r="REF" t="e"><v>#DIV/0!</v></c>' }), withCell(2, 6, { raw: '<c r="REF" t="e"><v>#N/A</v></c>' })]), {
    accepts: [],
    refusalSays: '#DIV/0!',
    refusalBy: ['applications'],
    note: 'error values refused with row and column',
  });
  add('formula-no-cached-value.xlsx', xlsx([APP_HEADER, withCell(1, 10, { raw: '<c r="REF"><f>2+3</f></c>' })]), {
    accepts: [],
    refusalSays: '数式',
    refusalBy: ['applications'],
    note: 'a formula with no saved result says so',
  });
  add('formula-cached-value.xlsx', xlsx([APP_HEADER, withCell(1, 10, { raw: '<c r="REF"><f>2+3</f><v>5</v></c>' })]), {
    accepts: ['applications'],
    check: { applications: 1 },
    note: 'a formula with its saved result imports the result',
  });
  add('date-serial-60.xlsx', xlsx([APP_HEADER, withCell(1, 12, { raw: '<c r="REF" s="1"><v>60</v></c>' })]), {
    accepts: [],
    refusalSays: '1900-02-29',
    refusalBy: ['applications'],
    note: "Excel's fictitious 1900-02-29 is refused",
  });
  // 2026-08-01 is serial 46235 in the 1900 system and 44773 in the 1904 system.
  add('date-1904.xlsx', xlsx([APP_HEADER, withCell(1, 12, { raw: '<c r="REF" s="1"><v>44773</v></c>' })], { date1904: true }), {
    accepts: ['applications'],
    check: { applications: 1, arrival: '2026-08-01' },
    note: 'the 1904 date system reads the right day',
  });
  {
    const good = xlsx([APP_HEADER, appRow(1), appRow(2)]);
    add('truncated.xlsx', good.subarray(0, Math.floor(good.length / 2)), { accepts: [], note: 'cut in half' });
  }
  add('old-format.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]), {
    accepts: [],
    refusalSays: '.xls',
    note: 'OLE .xls',
  });
  add(
    'spreadsheet.ods',
    zip([entry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', 0), entry('content.xml', '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')]),
    { accepts: [], note: 'OpenDocument, not .xlsx' },
  );
  {
    let seed = 42;
    const junk = Buffer.alloc(64 * 1024);
    for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    add('junk.xlsx', junk, { accepts: [], note: 'random bytes named .xlsx' });
    add('junk-with-zip-magic.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), junk]), { accepts: [], note: 'zip signature, then garbage' });
  }

  // --- CSV ------------------------------------------------------------------------------------
  const appCsv = (rows: string[]) => `${[APP_HEADER.join(','), ...rows].join('\r\n')}\r\n`;
  add('broken-quotes.csv', appCsv([appCsvRow(1), `C-2,2026,A,"unterminated,東北大学`]), { accepts: [], refusalSays: '"', note: 'a quote never closed' });
  add('ragged-rows.csv', appCsv([appCsvRow(1), 'C-2,2026,A', `${appCsvRow(3)},extra,cells,here`]), { accepts: [], note: 'a short row loses required cells' });
  add('ragged-extra-cells.csv', appCsv([`${appCsvRow(1)},extra`, `${appCsvRow(2)},more,cells`]), {
    accepts: ['applications'],
    check: { applications: 2 },
    note: 'cells past the header are ignored',
  });
  add('nul-bytes.csv', Buffer.concat([Buffer.from(appCsv([appCsvRow(1)])), Buffer.from([0, 0, 0]), Buffer.from(appCsvRow(2))]), { accepts: [], note: 'NUL bytes' });
  add('cell-10mb.csv', appCsv([appCsvRow(1).replace('防災の科学技術体験 1', 'あ'.repeat(10 * 1024 * 1024 / 3))]), { accepts: [], note: 'a 10 MB cell' });
  {
    const text = `\uFEFF${appCsv([appCsvRow(1), appCsvRow(2)])}`;
    add('utf16le-bom.csv', iconv.encode(text, 'utf16-le'), { accepts: ['applications'], check: { applications: 2 }, note: 'UTF-16LE with BOM' });
    add('utf16be-bom.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text.slice(1), 'utf16-be')]), { accepts: ['applications'], check: { applications: 2 }, note: 'UTF-16BE with BOM' });
    add('utf16le-no-bom.csv', iconv.encode(text.slice(1), 'utf16-le'), { accepts: ['applications'], check: { applications: 2 }, note: 'UTF-16LE without BOM' });
    add('utf16be-no-bom.csv', iconv.encode(text.slice(1), 'utf16-be'), { accepts: ['applications'], check: { applications: 2 }, note: 'UTF-16BE without BOM' });
  }
  {
    const names = ['①', '㈱サクラ', '髙橋', '﨑山'];
    const rows = names.map((n, i) => `${n},花子,${n}花子,女,2000/01/0${i + 1},日本,東北大学,学部生,招へい者,`);
    add('cp932-extensions.csv', iconv.encode(`${PARTICIPANT_HEADER}\r\n${rows.join('\r\n')}\r\n`, 'cp932'), {
      accepts: ['participants'],
      check: { participants: 4, names },
      note: 'CP932 extension characters (NEC and IBM extensions)',
    });
  }
  add('empty.csv', '', { accepts: [], note: 'zero bytes' });
  add('bom-only.csv', '\uFEFF', { accepts: [], note: 'a BOM and nothing else' });
  add('header-only.csv', `${APP_HEADER.join(',')}\r\n`, { accepts: [], note: 'a header and no rows' });
  add('bad-unicode.csv', Buffer.concat([Buffer.from(appCsv([appCsvRow(1)]).replace('山田 太郎', 'X\u0007Y'))]), { accepts: [], note: 'a control character in a name' });
  add('unknown-country.csv', appCsv([appCsvRow(1).replace(',ID,', ',ZZ,')]), { accepts: [], refusalSays: 'ZZ', refusalBy: ['applications'], note: 'ZZ is not an ISO 3166 code' });
  {
    const rows: string[] = [];
    for (let i = 0; i < 100_000; i++) rows.push(`R${i},Hana,,女,2000/01/01,VN,Hanoi University of Science and Technology,学部生,招へい者,`);
    add('rows-100k.csv', `${PARTICIPANT_HEADER}\r\n${rows.join('\r\n')}\r\n`, { accepts: [], refusalSays: '2,000', refusalBy: ['participants'], note: '100 000 rows: read within the memory bound, refused as more than a roster holds' });
  }
  {
    // The largest roster there is, imported and written.
    const rows: string[] = [];
    for (let i = 0; i < 2000; i++) rows.push(`P${i},Hana,グエン${i},女,2000/01/01,VN,Hanoi University of Science and Technology,学部生,招へい者,p${i}@example.org`);
    add('roster-2000.csv', `\uFEFF${PARTICIPANT_HEADER}\r\n${rows.join('\r\n')}\r\n`, { accepts: ['participants'], check: { participants: 2000 }, note: 'a full roster: the write path within the bound' });
  }
  {
    const rows: string[] = [];
    for (let i = 0; i < 100_000; i++) rows.push(appCsvRow(i));
    add('rows-100k-applications.csv', appCsv(rows), { accepts: [], refusalSays: '20,000', refusalBy: ['applications'], note: '100 000 application rows: refused at the row limit, read no further' });
    // All 20 000 rows (the limit) are read and checked; the last is wrong, so nothing is written.
    const last = rows.slice(0, 19_999);
    last.push(appCsvRow(19_999).replace(',ID,', ',ZZ,'));
    add('rows-20k-applications-last-bad.csv', appCsv(last), { accepts: [], refusalSays: '20001', refusalBy: ['applications'], note: 'the largest applications file read in full, refused by its last row' });
  }
  writeFileSync(join(dir, 'corpus.json'), JSON.stringify(files, null, 1));
  return files;
}
