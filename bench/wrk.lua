-- One wrk script for every scenario of bench/run.sh; BENCH_MODE picks the credential.
--   anonymous  no credential                      key   X-API-Key: $BENCH_KEY
--   keys       X-API-Key, the next line of $BENCH_FILE on every request (b2: many keys in rotation)
--   jwt        Bearer $BENCH_JWT                  jwts  Bearer, the next line of $BENCH_FILE (d2: many users)
--   malformed  a different bad key on every request (shape or checksum wrong), from 192.0.2.66 (see below)
local mode = os.getenv("BENCH_MODE") or "anonymous"
local list = {}

local function rotate(header, prefix, extra)
  local i = 0
  request = function()
    i = i % #list + 1
    local headers = { [header] = prefix .. list[i] }
    for k, v in pairs(extra or {}) do headers[k] = v end
    return wrk.format(nil, nil, headers)
  end
end

if mode == "key" then
  wrk.headers["X-API-Key"] = os.getenv("BENCH_KEY")
elseif mode == "jwt" then
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_JWT")
elseif mode == "keys" or mode == "jwts" then
  for line in io.lines(os.getenv("BENCH_FILE")) do
    if #line > 0 then list[#list + 1] = line end
  end
  if mode == "keys" then rotate("X-API-Key", "") else rotate("Authorization", "Bearer ") end
elseif mode == "malformed" then
  math.randomseed(42)
  local hex = "0123456789abcdef"
  for i = 1, 1000 do
    local n = (i % 2 == 0) and 40 or (20 + i % 17)   -- even: right shape, wrong checksum; odd: wrong length
    local t = {}
    for j = 1, n do local k = math.random(1, 16); t[j] = hex:sub(k, k) end
    list[i] = "sk_live_" .. table.concat(t)
  end
  -- From an address of its own (the app trusts X-Forwarded-For from 127.0.0.1, its configured proxy): the
  -- flood puts that address over its invalid-key limit for the window, and the other scenarios, sent from
  -- 127.0.0.1, must not inherit the throttle. Through nginx the app sees nginx's client, 127.0.0.1, so
  -- bench/run.sh runs that flood after every other scenario.
  rotate("X-API-Key", "", { ["X-Forwarded-For"] = "192.0.2.66" })
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d p999_us=%d requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
