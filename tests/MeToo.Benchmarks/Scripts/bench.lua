-- The harness's wrk script. Every request asks for "br, gzip", as a browser does, of every server alike.
--   wrk ... -s bench.lua <url> -- get PATH...            the paths in turn (each thread from its own start)
--   wrk ... -s bench.lua <url> -- readers PATH...        the same, but a refused request (429) makes one of the
--                                                         thread's connections wait its Retry-After, as a reader does
--   wrk ... -s bench.lua <url> -- post FILE BEFORE AFTER  a POST to BEFORE..id..AFTER for each id in FILE,
--                                                         each from its own forwarded address (a distinct client)
-- done() prints one line the harness reads: totals, status classes and latency percentiles (µs).
local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local mode, paths, ids, before, after = nil, {}, {}, "", ""
local n = 0
local polite, wait_ms = false, 0
ok, limited, failed = 0, 0, 0

function init(args)
  mode = args[1]
  if mode == "readers" then
    mode, polite = "get", true
  end
  if mode == "get" then
    for i = 2, #args do paths[#paths + 1] = args[i] end
    n = (tid or 1) * 7
  else
    for line in io.lines(args[2]) do ids[#ids + 1] = line end
    before, after = args[3], args[4]
    n = 0
  end
end

function request()
  n = n + 1
  if mode == "get" then
    return wrk.format("GET", paths[(n % #paths) + 1], { ["Accept-Encoding"] = "br, gzip" })
  end
  local id = ids[((n * 7919 + (tid or 1) * 104729) % #ids) + 1]
  local a, b, c = n % 250 + 1, math.floor(n / 250) % 250 + 1, math.floor(n / 62500) % 250 + 1
  return wrk.format("POST", before .. id .. after, {
    ["X-Forwarded-For"] = (10 + (tid or 1)) .. "." .. c .. "." .. b .. "." .. a,
    ["Accept"] = "application/json",
    ["Accept-Encoding"] = "br, gzip",
    ["Content-Length"] = "0",
  }, "")
end

function delay()
  local d = wait_ms
  wait_ms = 0
  return d
end

function response(status, headers, body)
  if status == 429 and polite then
    wait_ms = (tonumber(headers["Retry-After"]) or 1) * 1000
  end
  if status == 429 then limited = limited + 1
  elseif status >= 200 and status < 400 then ok = ok + 1
  else failed = failed + 1 end
end

function done(summary, latency, requests)
  local o, l, f = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); l = l + t:get("limited"); f = f + t:get("failed")
  end
  local e = summary.errors
  io.write(string.format("WRK requests=%d bytes=%d duration_us=%d ok=%d limited=%d failed=%d socket_errors=%d p50=%d p95=%d p99=%d\n",
    summary.requests, summary.bytes, summary.duration, o, l, f, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
