/**
 * Where the quoted history of a reply starts: the line a mail client writes above what it quotes
 * ("On Mon, 4 Dec 2026 at 10:00, Acme <…> wrote:", Korean Gmail's "…님이 작성:", Outlook's
 * "-----Original Message-----" or its rule).
 */
const QUOTE_HEADERS = [
  /^On\b.*\bwrote:\s*$/i,
  /^.*님이 작성:\s*$/,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
];

/** Outlook's quoted header block without a rule above it: "From: …" then "Sent:"/"Date:"/"To:". */
const FROM_BLOCK = /^From:\s/i;
const BLOCK_FIELD = /^(Sent|Date|To|Subject):\s/i;

/** A "wrote:" line a client wrapped onto two lines: "On …, Acme" then "<reply+…> wrote:". */
const WRAPPED_ON = /^On\b/i;
const WRAPPED_WROTE = /\bwrote:\s*$/i;

/** Where the signature starts: the standard "-- " delimiter, or a phone's "Sent from my …". */
const SIGNATURE = [/^--\s*$/, /^Sent from my\b/i, /^Get Outlook for\b/i];

/**
 * What the visitor wrote in a reply mail: the text above the quoted history and the signature,
 * without lines quoted with `>`, trimmed. Empty when nothing is left.
 */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (QUOTE_HEADERS.some((p) => p.test(trimmed))) break;
    const next = lines[i + 1]?.trim() ?? '';
    if (WRAPPED_ON.test(trimmed) && WRAPPED_WROTE.test(next)) break;
    if (FROM_BLOCK.test(trimmed) && BLOCK_FIELD.test(next)) break;
    if (SIGNATURE.some((p) => p.test(trimmed))) break;
    if (trimmed.startsWith('>')) continue;
    kept.push(line.trimEnd());
  }
  return kept.join('\n').trim();
}
