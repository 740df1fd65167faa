import { expect, test } from 'bun:test';
import { csvCell, toCsv } from './csv.ts';

test('cells a spreadsheet would run as formulas are defused; quotes and breaks are quoted', () => {
  expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  for (const lead of ['+', '-', '@', '\t', '\r'])
    expect(csvCell(`${lead}1`).includes("'")).toBe(true);
  expect(csvCell('Ann, the "best"')).toBe('"Ann, the ""best"""');
  expect(csvCell('two\nlines')).toBe('"two\nlines"');
  expect(csvCell('Plain')).toBe('Plain');
  expect(csvCell(12.5)).toBe('12.5');
  expect(csvCell(null)).toBe('');
  expect(
    toCsv([
      ['a', 1],
      ['b', null],
    ]),
  ).toBe('a,1\r\nb,\r\n');
});
