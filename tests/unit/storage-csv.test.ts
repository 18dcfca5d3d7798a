/** Learning curves as CSV (src/lib/storage/csv.ts): RFC 4180 quoting, and CSV -> parse -> the same numbers. */
import { describe, expect, it } from 'vitest';
import { deriveRng } from '../../environments/core/rng';
import { curvesToCsv, parseCsvRecords, parseCurvesCsv, type CurveSeries } from '../../src/lib/storage/csv';

describe('curves as CSV', () => {
  it('writes a header, one row per point, CRLF line ends and RFC 4180 quoting', () => {
    const csv = curvesToCsv([
      { name: 'Q-learning', x: [0, 10], y: [-2.5, 1] },
      { name: 'SARSA, "alpha" 0.1\nseed 2', x: [0], y: [NaN] },
    ]);
    expect(csv).toBe('series,x,y\r\nQ-learning,0,-2.5\r\nQ-learning,10,1\r\n"SARSA, ""alpha"" 0.1\nseed 2",0,\r\n');
  });

  it('round trip: the same names and the same float64 numbers, bit for bit', () => {
    const rng = deriveRng(11, 'csv');
    const names = ['Q-learning', 'SARSA, α = 0.1', 'a "quoted" name', 'line\r\nbreak', ' spaced ', '', '🐧 penguin'];
    const series: CurveSeries[] = names.map((name, s) => {
      const n = 1 + rng.int(300);
      const x = Array.from({ length: n }, (_, i) => i * (s + 1));
      const y = x.map(() => {
        const roll = rng.next();
        if (roll < 0.02) return NaN;
        if (roll < 0.04) return -0;
        if (roll < 0.06) return (rng.next() - 0.5) * 1e300;
        if (roll < 0.08) return (rng.next() - 0.5) * 1e-300;
        return (rng.next() - 0.5) * 1000;
      });
      return { name, x, y };
    });
    const back = parseCurvesCsv(curvesToCsv(series));
    expect(back.map((curve) => curve.name)).toEqual(names);
    back.forEach((curve, s) => {
      expect(curve.x).toEqual(series[s].x);
      expect(curve.y.length).toBe(series[s].y.length);
      curve.y.forEach((value, i) => expect(Object.is(value, series[s].y[i])).toBe(true));
    });
  });

  it('reads LF line ends, a byte-order mark and no final line break', () => {
    expect(parseCurvesCsv('\ufeffseries,x,y\na,1,2\n"b",3,4')).toEqual([
      { name: 'a', x: [1], y: [2] },
      { name: 'b', x: [3], y: [4] },
    ]);
    expect(parseCsvRecords('"",""')).toEqual([['', '']]);
  });

  it('refuses what it cannot read, with one message', () => {
    expect(() => curvesToCsv([{ name: 'a', x: [0, 1], y: [0] }])).toThrow('CSV: series "a" has 2 x values and 1 y values');
    expect(() => curvesToCsv([{ name: 'a', x: [0], y: [Infinity] }])).toThrow('CSV: series "a" y[0] is Infinity; curves hold finite numbers');
    expect(() => parseCurvesCsv('x,y\r\n')).toThrow('CSV: the first row must be series,x,y');
    expect(() => parseCurvesCsv('series,x,y\r\na,1\r\n')).toThrow('CSV: row 2 has 2 fields, expected 3');
    expect(() => parseCurvesCsv('series,x,y\r\na,0x10,1\r\n')).toThrow('CSV: row 2 x is "0x10", not a number');
    expect(() => parseCurvesCsv('series,x,y\r\na,1,1e999\r\n')).toThrow('CSV: row 2 y is too large to be a number');
    expect(() => parseCurvesCsv('series,x,y\r\n"a,1,1\r\n')).toThrow('CSV: record 2 has a quoted field that never closes');
    expect(() => parseCurvesCsv('series,x,y\r\n"a"b,1,1\r\n')).toThrow('CSV: record 2 has text after a closing quote');
    expect(() => parseCurvesCsv('series,x,y\r\na"b,1,1\r\n')).toThrow('CSV: record 2 has a quote inside an unquoted field');
  });
});
