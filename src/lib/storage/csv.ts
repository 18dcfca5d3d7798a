/**
 * Learning curves as CSV (RFC 4180), for spreadsheets and plotting scripts:
 *
 *   series,x,y            header, always
 *   Q-learning,0,-2.5     one row per point, series after series, in order
 *   "SARSA, 0.1",0,-3     fields with a comma, a double quote or a line break are quoted,
 *                         and a double quote inside is doubled ("a ""quoted"" name")
 *
 * Lines end with CRLF. Numbers are written as JavaScript's shortest round-trip decimal, so
 * parsing gives back the same float64 values bit for bit. A missing y (NaN: no episode finished
 * yet) is an empty field; infinite values are refused. parseCurvesCsv is the inverse, and checks
 * what it reads (a curves file from elsewhere may be hand-edited).
 */

export interface CurveSeries {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

const HEADER = ['series', 'x', 'y'];

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function numberField(value: number, where: string): string {
  if (Number.isNaN(value)) return '';
  if (!Number.isFinite(value)) throw new Error(`CSV: ${where} is ${value}; curves hold finite numbers`);
  // String(-0) is '0': keep the sign so the round trip is exact.
  return Object.is(value, -0) ? '-0' : String(value);
}

/** The curves as one CSV text (RFC 4180, CRLF line ends, a header row). */
export function curvesToCsv(series: readonly CurveSeries[]): string {
  const lines = [HEADER.join(',')];
  for (const curve of series) {
    if (curve.x.length !== curve.y.length) throw new Error(`CSV: series "${curve.name}" has ${curve.x.length} x values and ${curve.y.length} y values`);
    const name = quoteField(curve.name);
    for (let i = 0; i < curve.x.length; i++) {
      const x = numberField(curve.x[i], `series "${curve.name}" x[${i}]`);
      if (x === '') throw new Error(`CSV: series "${curve.name}" x[${i}] is NaN; x values must be numbers`);
      lines.push(`${name},${x},${numberField(curve.y[i], `series "${curve.name}" y[${i}]`)}`);
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF ends a record. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quotedField = false;
  while (i < text.length) {
    const char = text[i];
    if (field === '' && char === '"' && !quotedField) {
      // A quoted field: up to the closing quote; "" is one quote.
      quotedField = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`CSV: record ${records.length + 1} has a quoted field that never closes`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') throw new Error(`CSV: record ${records.length + 1} has text after a closing quote`);
      continue;
    }
    if (char === ',') {
      record.push(field);
      field = '';
      quotedField = false;
      i++;
    } else if (char === '\r' || char === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      quotedField = false;
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      if (char === '"') throw new Error(`CSV: record ${records.length + 1} has a quote inside an unquoted field`);
      field += char;
      i++;
    }
  }
  if (field !== '' || quotedField || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function parseNumber(text: string, where: string, allowEmpty: boolean): number {
  if (text === '' && allowEmpty) return NaN;
  // Number('') is 0 and Number(' 1') is 1: only plain decimal numbers are read.
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) throw new Error(`CSV: ${where} is ${JSON.stringify(text.slice(0, 40))}, not a number`);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`CSV: ${where} is too large to be a number`);
  return value;
}

/** Reads curves written by curvesToCsv (or a spreadsheet that kept its columns). */
export function parseCurvesCsv(text: string): CurveSeries[] {
  const records = parseCsvRecords(text.startsWith('\ufeff') ? text.slice(1) : text);
  if (records.length === 0 || records[0].join(',') !== HEADER.join(',')) throw new Error(`CSV: the first row must be ${HEADER.join(',')}`);
  const byName = new Map<string, { x: number[]; y: number[] }>();
  records.slice(1).forEach((fields, index) => {
    const row = index + 2;
    if (fields.length === 1 && fields[0] === '') return; // a blank line
    if (fields.length !== 3) throw new Error(`CSV: row ${row} has ${fields.length} fields, expected 3`);
    const [name, xText, yText] = fields;
    let curve = byName.get(name);
    if (curve === undefined) byName.set(name, (curve = { x: [], y: [] }));
    curve.x.push(parseNumber(xText, `row ${row} x`, false));
    curve.y.push(parseNumber(yText, `row ${row} y`, true));
  });
  return [...byName].map(([name, curve]) => ({ name, x: curve.x, y: curve.y }));
}
