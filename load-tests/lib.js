// Shared helpers of the k6 scripts (k6's JavaScript runtime, not Node or Bun).

/** The seed file written by `bun load-tests/seed.ts`; SEED overrides its path. */
export function loadSeed() {
  return JSON.parse(open(__ENV.SEED || './.seed.json'));
}

/** Every visitor of the seed with its organization's agent token. */
export function pairsOf(seed) {
  const pairs = [];
  seed.orgs.forEach((org, orgIndex) => {
    for (const v of org.visitors) {
      pairs.push({
        orgIndex,
        agentToken: org.agentToken,
        visitorToken: v.token,
        conversationId: v.conversationId,
      });
    }
  });
  return pairs;
}

/** "30s", "2m", "1m30s" or a number of seconds → seconds. */
export function seconds(value, fallback) {
  if (value === undefined || value === '') return fallback;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const n = Number(m[1]);
    total += m[2] === 'ms' ? n / 1000 : m[2] === 's' ? n : m[2] === 'm' ? n * 60 : n * 3600;
  }
  return total;
}

export const number = (name, fallback) =>
  __ENV[name] === undefined || __ENV[name] === '' ? fallback : Number(__ENV[name]);
