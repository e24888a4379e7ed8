package dev.genesis.coordinator.locks;

/**
 * The Lua scripts that keep the lock table consistent. Each runs atomically inside Redis and
 * reads the clock with {@code TIME}, so that several coordinators agree on expiry.
 *
 * <p>Keys, in this order for every script: the lease hash (id → JSON {owner, holder, writes,
 * reads}), the expiry sorted set (id scored by expiry millis), the token hash (id → token),
 * the fence hash (path → newest token granted on it), the token sequence, the fence floor (the
 * newest token trimmed from the fence hash: a path without an entry counts as granted at it).
 */
final class LockScripts {

    private LockScripts() {
    }

    /** Shared: removal of one lease; returns 1 when it was there. */
    private static final String DROP = """
            local function drop(id)
              redis.call('HDEL', KEYS[3], id)
              redis.call('ZREM', KEYS[2], id)
              return redis.call('HDEL', KEYS[1], id)
            end
            """;

    /** Shared prelude: the clock in millis and removal of every expired lease. */
    private static final String PRUNE = DROP + """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
            for _, id in ipairs(expired) do drop(id) end
            """;

    /**
     * Shared by the grants, after {@link #PRUNE}: the live leases' paths indexed, the overlap rules
     * asked of that index, and a grant. Written once so that a lease granted alone and one granted
     * in a batch are the same: same conflicts, same token sequence, same fence marks, same expiry.
     *
     * <p>A wanted path overlaps a held one when they are equal, when the held one is a folder above
     * it, or when it is a folder above the held one. The index answers the first two by lookups (the
     * path and each of its prefixes that ends in {@code /}) and scans the held paths only for a
     * wanted folder; comparing every wanted path with every held path of every lease took 1.2 ms
     * of Redis per call in the seismology trace (each task locks three files, dozens live at once).
     * Where several held paths overlap, which one the answer names is not specified.
     */
    private static final String GRANTS = PRUNE + """
            local function indexAdd(index, lease)
              local holder = lease.holder
              if holder == nil then holder = '' end
              for _, p in ipairs(lease.writes) do
                if index.writes[p] == nil then index.writes[p] = holder end
                table.insert(index.paths, {p, holder, true})
              end
              for _, p in ipairs(lease.reads) do
                if index.reads[p] == nil then index.reads[p] = holder end
                table.insert(index.paths, {p, holder, false})
              end
            end
            local function liveIndex()
              local all = redis.call('HGETALL', KEYS[1])
              local index = {writes = {}, reads = {}, paths = {}}
              for i = 2, #all, 2 do indexAdd(index, cjson.decode(all[i])) end
              return index
            end
            local function heldAt(index, p, withReads)
              local h = index.writes[p]
              if h == nil and withReads then h = index.reads[p] end
              return h
            end
            local function overlapping(index, w, withReads)
              local h = heldAt(index, w, withReads)
              if h ~= nil then return w, h end
              local slash = string.find(w, '/', 1, true)
              while slash do
                local folder = string.sub(w, 1, slash)
                h = heldAt(index, folder, withReads)
                if h ~= nil then return folder, h end
                slash = string.find(w, '/', slash + 1, true)
              end
              if string.sub(w, -1) == '/' then
                for _, e in ipairs(index.paths) do
                  if (e[3] or withReads) and string.sub(e[1], 1, #w) == w then return e[1], e[2] end
                end
              end
              return nil
            end
            local function firstConflict(want, index)
              for _, w in ipairs(want.writes) do
                local p, h = overlapping(index, w, true)
                if p then return w, h, p end
              end
              for _, r in ipairs(want.reads) do
                local p, h = overlapping(index, r, false)
                if p then return r, h, p end
              end
              return nil
            end
            local function grant(id, json, want, leaseMs)
              local token = redis.call('INCR', KEYS[5])
              local expiresAt = now + tonumber(leaseMs)
              redis.call('HSET', KEYS[1], id, json)
              redis.call('HSET', KEYS[3], id, token)
              redis.call('ZADD', KEYS[2], expiresAt, id)
              for _, p in ipairs(want.writes) do redis.call('HSET', KEYS[4], p, token) end
              for _, p in ipairs(want.reads) do redis.call('HSET', KEYS[4], p, token) end
              return token, expiresAt
            end
            """;

    /**
     * ARGV: lease id, lease JSON, lease millis. Returns {1, token, expiresAt} when granted,
     * {0, requested path, holder, held path} for the first conflict.
     */
    static final String ACQUIRE = GRANTS + """
            local want = cjson.decode(ARGV[2])
            local path, holder, heldPath = firstConflict(want, liveIndex())
            if path then return {0, path, holder, heldPath} end
            local token, expiresAt = grant(ARGV[1], ARGV[2], want, ARGV[3])
            return {1, token, expiresAt}
            """;

    /**
     * ARGV: how many leases to give up (n), their ids, then lease id, lease JSON, lease millis for
     * each request in turn. The n leases go first; then each request is granted wholly or not at
     * all, against the live leases and the ones granted before it in the same call; none waits.
     * Returns how many of the n were live, then four values per request, flattened: {1, token,
     * expiresAt, ''} when granted, {0, requested path, holder, held path} for its first conflict.
     */
    static final String ACQUIRE_EACH = GRANTS + """
            local n = tonumber(ARGV[1])
            local released = 0
            for i = 2, n + 1 do released = released + drop(ARGV[i]) end
            local index = liveIndex()
            local out = {released}
            for i = n + 2, #ARGV, 3 do
              local want = cjson.decode(ARGV[i + 1])
              local path, holder, heldPath = firstConflict(want, index)
              if path then
                table.insert(out, 0)
                table.insert(out, path)
                table.insert(out, holder)
                table.insert(out, heldPath)
              else
                local token, expiresAt = grant(ARGV[i], ARGV[i + 1], want, ARGV[i + 2])
                indexAdd(index, want)
                table.insert(out, 1)
                table.insert(out, token)
                table.insert(out, expiresAt)
                table.insert(out, '')
              end
            end
            return out
            """;

    /** ARGV: lease id, lease millis. Returns {expiresAt, token, lease JSON}, or {} when the lease is gone. */
    static final String RENEW = PRUNE + """
            local json = redis.call('HGET', KEYS[1], ARGV[1])
            if not json then return {} end
            local expiresAt = now + tonumber(ARGV[2])
            redis.call('ZADD', KEYS[2], expiresAt, ARGV[1])
            return {expiresAt, tonumber(redis.call('HGET', KEYS[3], ARGV[1])), json}
            """;

    /** ARGV: lease id. Returns {lease JSON, token, expiresAt}, or {} when the lease is gone. */
    static final String GET = PRUNE + """
            local json = redis.call('HGET', KEYS[1], ARGV[1])
            if not json then return {} end
            return {json, tonumber(redis.call('HGET', KEYS[3], ARGV[1])),
                    tonumber(redis.call('ZSCORE', KEYS[2], ARGV[1]))}
            """;

    /** ARGV: lease id. Returns {1} if it existed, {0} otherwise. */
    static final String RELEASE = DROP + """
            return {drop(ARGV[1])}
            """;

    /** ARGV: owner. Returns {how many leases were released}. */
    static final String RELEASE_OWNER = PRUNE + """
            local all = redis.call('HGETALL', KEYS[1])
            local n = 0
            for i = 1, #all, 2 do
              local held = cjson.decode(all[i + 1])
              if held.owner == ARGV[1] then n = n + drop(all[i]) end
            end
            return {n}
            """;

    /** ARGV: paths. Returns {the newest token on any of them, or the fence floor when that is newer}. */
    static final String NEWEST = """
            local newest = tonumber(redis.call('GET', KEYS[6]) or '0')
            for _, p in ipairs(ARGV) do
              local t = redis.call('HGET', KEYS[4], p)
              if t and tonumber(t) > newest then newest = tonumber(t) end
            end
            return {newest}
            """;

    /**
     * ARGV: how many fence entries may stay untrimmed. Beyond that, removes every entry older than
     * the oldest live lease's token (the next token when none is live) and raises the floor to the
     * newest of them. No live lease is older than the floor, so none loses its fence; an expired
     * lease's writer may find its token below the floor where its path kept no newer grant, and be
     * refused where it was let through before. Returns {entries removed, floor}.
     */
    static final String TRIM_FENCE = PRUNE + """
            local floor = tonumber(redis.call('GET', KEYS[6]) or '0')
            if redis.call('HLEN', KEYS[4]) <= tonumber(ARGV[1]) then return {0, floor} end
            local oldestLive = tonumber(redis.call('GET', KEYS[5]) or '0') + 1
            for _, t in ipairs(redis.call('HVALS', KEYS[3])) do
              if tonumber(t) < oldestLive then oldestLive = tonumber(t) end
            end
            local fence = redis.call('HGETALL', KEYS[4])
            local removed = 0
            for i = 1, #fence, 2 do
              local t = tonumber(fence[i + 1])
              if t < oldestLive then
                redis.call('HDEL', KEYS[4], fence[i])
                removed = removed + 1
                if t > floor then floor = t end
              end
            end
            redis.call('SET', KEYS[6], floor)
            return {removed, floor}
            """;

    /** Returns id, JSON, token, expiresAt for every live lease, flattened. */
    static final String LIST = PRUNE + """
            local all = redis.call('HGETALL', KEYS[1])
            local out = {}
            for i = 1, #all, 2 do
              table.insert(out, all[i])
              table.insert(out, all[i + 1])
              table.insert(out, tonumber(redis.call('HGET', KEYS[3], all[i])))
              table.insert(out, tonumber(redis.call('ZSCORE', KEYS[2], all[i])))
            end
            return out
            """;
}
