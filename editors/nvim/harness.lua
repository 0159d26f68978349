-- Shared by the headless tests run as `nvim --headless --clean -l <test>.lua <project> <floe-lint>`
-- (test.lua, genb.lua): the config from this directory with the given server, ok/FAIL lines, and
-- the exit status. Not part of the config itself.
local M = { failures = 0 }

-- Puts this directory's lsp/floe_lint.lua on 'runtimepath' and enables it with `binary`.
function M.start(binary)
  local here = vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2))
  vim.opt.runtimepath:prepend(here)
  vim.cmd('filetype on')
  vim.lsp.config('floe_lint', { cmd = { binary, 'lsp' } })
  vim.lsp.enable('floe_lint')
end

function M.check(ok, what)
  if ok then
    print('ok: ' .. what)
  else
    M.failures = M.failures + 1
    print('FAIL: ' .. what)
  end
end

-- Exits 1 when a check failed, else prints the line the Rust test looks for and exits 0.
function M.finish()
  if M.failures > 0 then
    print(M.failures .. ' check(s) failed')
    os.exit(1)
  end
  print('all Neovim checks passed')
  os.exit(0)
end

return M
