/**
 * RFC 4180 text, safe to open in a spreadsheet: a cell a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, and a cell with
 * a comma, a quote or a line break is quoted. Lines end with CRLF.
 */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // Numbers are never negative here; a name or any text could be a formula.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
