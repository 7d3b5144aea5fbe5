-- wrk script: each request takes the next query path from queries.txt (made by make_queries.py).
local paths = {}
for line in io.lines(os.getenv("TRACUU_QUERIES") or "queries.txt") do
  paths[#paths + 1] = line
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
