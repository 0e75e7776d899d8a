-- wrk script of bench/writes: curators' writes. Every request is a PUT of a source
-- bw-0001..bw-N (N = BENCH_ITEMS, default 500; random, seeded), created by its first PUT and
-- replaced by every later one, with a note that changes each time; BENCH_TOKEN is the curator's
-- bearer token. Use one wrk thread (-t1): the counter lives in the thread's Lua state.
-- done() prints the RESULT line of ../shared/bench/wrk-bench.lua (err_status: non-2xx answers).
local token = os.getenv("BENCH_TOKEN") or ""
local items = tonumber(os.getenv("BENCH_ITEMS") or "500")
local counter = 0
local headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json",
                 ["X-Edit-Summary"] = "bench/writes"}

function init(args)
  math.randomseed(1944)
end

request = function()
  counter = counter + 1
  local k = math.random(1, items)
  local id = string.format("bw-%04d", k)
  local body = string.format(
    '{"id":"%s","title":"Benchmark source %d","kind":"web","note":"benchmark write %d (synthetic)"}', id, k, counter)
  return wrk.format("PUT", "/v1/sources/" .. id, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.1f bytes_per_resp=%.1f err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, summary.bytes / math.max(summary.requests, 1),
    e.connect, e.read, e.write, e.status, e.timeout))
end
