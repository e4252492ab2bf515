-- wrk script for make bench-central: GET /v1/benchmark with the token.
local token = os.getenv("TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token

function done(summary, latency, requests)
  io.write(string.format("non2xx=%d\n", summary.errors.status))
end
