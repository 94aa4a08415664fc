-- wrk's script for the benchmark's load rows, the service and bare Kestrel alike:
--   wrk ... -s load.lua URL -- METHOD PATHS-FILE BODY-FILE|- EXPECTED-FILE|-
-- Each connection sends METHOD to the paths of PATHS-FILE in turn (one a line), with the body of
-- BODY-FILE as application/json; an answer other than 200, or without the bytes of EXPECTED-FILE,
-- is counted as failed, and the total printed at the end as "failed N".

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function slurp(path)
  if path == "-" then return nil end
  local file = assert(io.open(path, "rb"))
  local data = file:read("*a")
  file:close()
  return data
end

function init(args)
  local body = slurp(args[3])
  expected = slurp(args[4])
  failed = 0
  prepared = {}
  local headers = body and { ["Content-Type"] = "application/json" } or {}
  for path in io.lines(args[2]) do
    table.insert(prepared, wrk.format(args[1], path, headers, body))
  end
  -- Threads start at different paths, so that two do not read the same session at once.
  index = math.random(#prepared)
end

function request()
  index = index % #prepared + 1
  return prepared[index]
end

function response(status, headers, body)
  if status ~= 200 or (expected and not string.find(body, expected, 1, true)) then
    failed = failed + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("failed")
  end
  io.write(string.format("failed %d\n", total))
end
