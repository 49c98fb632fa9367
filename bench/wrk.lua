-- One wrk script for every phase of bench/run.sh; BENCH_MODE picks the credential.
--   anonymous  no credential          key        X-API-Key: $BENCH_KEY
--   jwt        Bearer $BENCH_JWT      malformed  a different bad key on every request (shape or checksum wrong)
local mode = os.getenv("BENCH_MODE") or "anonymous"
local bad = {}

if mode == "key" then
  wrk.headers["X-API-Key"] = os.getenv("BENCH_KEY")
elseif mode == "jwt" then
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_JWT")
elseif mode == "malformed" then
  math.randomseed(42)
  local hex = "0123456789abcdef"
  for i = 1, 1000 do
    local n = (i % 2 == 0) and 40 or (20 + i % 17)   -- even: right shape, wrong checksum; odd: wrong length
    local t = {}
    for j = 1, n do local k = math.random(1, 16); t[j] = hex:sub(k, k) end
    bad[i] = "sk_live_" .. table.concat(t)
  end
  local i = 0
  request = function()
    i = i % #bad + 1
    return wrk.format(nil, nil, { ["X-API-Key"] = bad[i] })
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_us=%d p99_us=%d requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
