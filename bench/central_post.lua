-- wrk script for make bench-central: every request a new submission
-- (a new Idempotency-Key), so that each one is stored (201).
-- TOKEN comes from the environment.
local token = os.getenv("TOKEN")
local counter = 0
local prefix = "W" .. tostring(math.random(1, 1000000000))

function setup(thread)
  thread:set("tid", tostring(math.random(1, 1000000000)))
end

function request()
  counter = counter + 1
  local id = prefix .. "-" .. (tid or "0") .. "-" .. counter
  local body = '{"format":"praktijktoets-submission/2","assessment":"' .. id ..
    '","revision":1,"submitted_at":"2026-11-30T12:00:00Z","swv":"PO 99-01",' ..
    '"date":"2026-11-01","purpose":"leerinstrument","rubric":{"id":"po-gereedheid",' ..
    '"version":1,"scale":{"min":1,"max":4}},"team":{"size":6,"complete":true,' ..
    '"roles":{"management":1,"ouders":1,"personeel":2,"gemeente":1,"jeugdhulp":1}},' ..
    '"overall":{"score":2.68,"percent":55.96},"verdict":"niet-klaar","complete":true,' ..
    '"domains":[{"id":"ondersteuning","score":2.88,"cases":10},' ..
    '{"id":"samenwerking","score":2.5,"cases":10}],"cases":[{"id":"C01","score":3.19,' ..
    '"domains":[{"id":"ondersteuning","score":3.72}],"criteria":[{"id":"ond-signalering",' ..
    '"status":"scored","score":3.5,"n":6,"spread":1,"disagreement":false}],' ..
    '"checks":[{"id":"zorgplicht-termijn","status":"ok","days":42}]}],' ..
    '"critical_findings":[],"reliability":{"alpha_interval":0.697,"alpha_ordinal":0.7,' ..
    '"units":296,"interpretation":"voorlopig"},"perspectives":[]}'
  return wrk.format("POST", "/v1/results", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = id .. "/1",
  }, body)
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("non2xx=%d\n", summary.errors.status))
end
