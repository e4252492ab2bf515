-- wrk script for make bench-backends (issue 15): central_post.lua with the
-- random numbers seeded per wrk process (SEED), so that two wrk processes
-- against two receivers never send the same Idempotency-Key.
math.randomseed(tonumber(os.getenv("SEED") or "1"))
dofile("bench/central_post.lua")
