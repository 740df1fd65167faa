/**
 * Support-chat text for the search benchmark: sentences drawn from a vocabulary with a Zipf-like
 * spread (a few words in most messages, most words in few), from a seeded generator so every run
 * searches the same history.
 */
const VOCABULARY = `
hello hi thanks please help order refund invoice payment card charge account password login
email address delivery shipping parcel package tracking number late delayed missing broken
damaged wrong item size color return exchange cancel subscription plan upgrade downgrade price
discount coupon code promo billing receipt tax vat company team seat user admin permission
access error bug crash page app mobile android iphone browser chrome safari firefox update
version install download upload file image photo attachment export import report dashboard
settings profile notification alert message chat support agent manager weekend monday tuesday
wednesday thursday friday saturday sunday morning evening tomorrow yesterday today week month
year store warehouse courier address street city country postcode phone call callback email
verification reset link expired token session timeout slow fast loading spinner blank screen
button click form field submit save delete remove add edit change name surname birthday gift
wrap voucher balance credit debit bank transfer paypal stripe apple google amazon shop cart
checkout basket quantity stock available restock preorder backorder warranty repair replacement
technician appointment schedule booking reservation table room hotel flight ticket seat luggage
baggage gate boarding passport visa insurance claim policy premium deductible accident coverage
doctor clinic prescription pharmacy medicine dosage allergy insurance contract signature
document pdf scan identity verification kyc compliance fraud suspicious blocked locked unlock
recover backup restore sync calendar integration webhook api key secret token limit quota usage
`
  .trim()
  .split(/\s+/);

/** Mulberry32: a small seeded generator (the benchmark needs repeatable, not secure). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A word whose rank follows 1/rank (roughly Zipf): "hello" is common, "deductible" rare. */
export function zipfWord(next: () => number): string {
  const n = VOCABULARY.length;
  // Inverse of the harmonic CDF, approximated by exp(u · ln n).
  const rank = Math.min(n - 1, Math.floor(Math.exp(next() * Math.log(n))) - 1);
  return VOCABULARY[rank] as string;
}

/** A message of 6 to 24 words. */
export function sentence(next: () => number): string {
  const length = 6 + Math.floor(next() * 19);
  const words = Array.from({ length }, () => zipfWord(next));
  return `${words.join(' ')}.`;
}

/** Queries as agents type them: one word (two in three), or two. */
export function queries(count: number, seed = 7): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () =>
    next() < 0.67 ? zipfWord(next) : `${zipfWord(next)} ${zipfWord(next)}`,
  );
}
