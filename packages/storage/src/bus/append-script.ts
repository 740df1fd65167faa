/**
 * The append as one Lua script, so the cid check, the seq and the stream entry are one atomic
 * step on the server.
 *
 * KEYS: seq, cids (current generation), cids (previous generation), shard stream
 * ARGV: cid, frame head, frame tail, topic key, organization id, stream MAXLEN,
 *       cid TTL seconds, cids per generation, initial seq ('' = none, '?' = ask the caller)
 *
 * Returns the new seq (integer); the first frame (string) when the cid was already appended; or
 * nil when ARGV[9] is '?' and the seq key is missing: the caller then asks its store for the
 * conversation's head and runs the script again with that number, which is SET NX so a
 * concurrent caller's value is not overwritten.
 *
 * The cids of a conversation live in two hash generations: when the current one is full it
 * becomes the previous one (dropping the older), so a busy conversation remembers between one
 * and two generations of recent cids instead of every cid it ever saw.
 */
export const appendScript = `
local first = redis.call('HGET', KEYS[2], ARGV[1]) or redis.call('HGET', KEYS[3], ARGV[1])
if first then return first end
if ARGV[9] == '?' then
  if redis.call('EXISTS', KEYS[1]) == 0 then return false end
elseif ARGV[9] ~= '' then
  redis.call('SET', KEYS[1], ARGV[9], 'NX')
end
local seq = redis.call('INCR', KEYS[1])
local frame = ARGV[2] .. seq .. ARGV[3]
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[6], '*', 'k', ARGV[4], 'o', ARGV[5], 'm', frame)
if redis.call('HLEN', KEYS[2]) >= tonumber(ARGV[8]) then
  redis.call('RENAME', KEYS[2], KEYS[3])
end
redis.call('HSET', KEYS[2], ARGV[1], frame)
redis.call('EXPIRE', KEYS[2], ARGV[7])
return seq
`;
