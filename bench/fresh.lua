-- Every request a new address (an extra ?fresh= parameter the pages ignore), so the page cache never has the
-- page: what a page costs when it is rendered (the first visit after a change). Same summary line as report.lua.
dofile("bench/report.lua")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  counter = 0
end

function request()
  counter = counter + 1
  local sep = wrk.path:find("?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "fresh=" .. tid .. "-" .. counter)
end
