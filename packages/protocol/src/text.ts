/**
 * Text the platform accepts anywhere it stores or relays it: no NUL (PostgreSQL's text cannot
 * hold one, so a message holding it would be numbered and then fail to be stored) and no unpaired
 * UTF-16 surrogate (not a character: it cannot be encoded as UTF-8). Checked once, where frames
 * and request bodies are parsed.
 */
export const isWellFormedText = (text: string): boolean =>
  !text.includes('\0') && text.isWellFormed();

export const malformedTextMessage = 'Text must not hold NUL characters or unpaired surrogates';
