-- Headless test of an editing session in real Neovim, driven through its input loop as a person
-- types: nvim --headless --clean -c 'luafile editors/nvim/typing.lua' with FLOE_PROJECT and
-- FLOE_LINT set. Edits and saves (`:w` moves b:changedtick, so versions skip), completion with
-- vim.lsp.completion on a new block and on an enum value (items accepted with <C-y>), rename.
local project, binary = vim.env.FLOE_PROJECT, vim.env.FLOE_LINT
local here = vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2))
vim.opt.runtimepath:prepend(here)
vim.cmd('filetype on')
vim.lsp.config('floe_lint', { cmd = { binary, 'lsp' } })
vim.lsp.enable('floe_lint')

local failures = 0
local function out(text) io.stdout:write(text .. '\n') end
local function check(ok, what)
  out((ok and 'ok: ' or 'FAIL: ') .. what)
  if not ok then failures = failures + 1 end
end

local session
-- Lets the main loop run (input, LSP messages) until `cond` holds or `ms` pass.
local function wait_until(cond, ms)
  local deadline = vim.uv.now() + (ms or 15000)
  while not cond() do
    if vim.uv.now() > deadline then return false end
    vim.defer_fn(function() coroutine.resume(session) end, 20)
    coroutine.yield()
  end
  return true
end
-- Keys into the typeahead, processed by the main loop like typed ones.
local function keys(k) vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(k, true, false, true), 'nt', false) end
local function codes(buf)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do found[#found + 1] = string.format('%d:%s', d.lnum, d.code) end
  table.sort(found)
  return table.concat(found, ' ')
end
local function has(buf, code_at) return (' ' .. codes(buf) .. ' '):find(' ' .. code_at .. ' ', 1, true) ~= nil end
-- Completion at the cursor (insert mode): the items' words once they arrive.
local function complete()
  vim.lsp.completion.get()
  wait_until(function() return #vim.fn.complete_info({ 'items' }).items > 0 end, 5000)
  local words = {}
  for _, item in ipairs(vim.fn.complete_info({ 'items' }).items) do words[#words + 1] = item.word end
  return words
end
-- Selects the item whose word is `word` with <C-n> and accepts it with <C-y>.
local function accept(word)
  for _ = 1, 40 do
    local info = vim.fn.complete_info({ 'items', 'selected' })
    local selected = info.items[(info.selected or -1) + 1]
    if selected and selected.word == word then break end
    keys('<C-n>')
    wait_until(function() return false end, 30)
  end
  keys('<C-y>')
  wait_until(function() return #vim.fn.complete_info({ 'items' }).items == 0 end, 3000)
  wait_until(function() return false end, 200)
end

session = coroutine.create(function()
  vim.cmd.edit(project .. '/platform/local/platform.yaml')
  local buf = vim.api.nvim_get_current_buf()
  check(wait_until(function() return #vim.lsp.get_clients({ bufnr = buf, name = 'floe_lint' }) > 0 end), 'attached')
  local client = vim.lsp.get_clients({ bufnr = buf, name = 'floe_lint' })[1]
  vim.lsp.completion.enable(true, client.id, buf, { autotrigger = false })
  wait_until(function() return vim.lsp.buf_is_attached(buf, client.id) end)

  -- 1. Edit, save, edit again: every edit's diagnostics arrive (the version skips after :w).
  vim.api.nvim_win_set_cursor(0, { 4, 0 })
  keys('0f:lC ab<Esc>')
  check(wait_until(function() return has(buf, '3:FL105') end), 'an edit draws FL105 (bucket: ab): ' .. codes(buf))
  vim.cmd.write()
  keys('0f:lC lake<Esc>')
  check(wait_until(function() return not has(buf, '3:FL105') end), 'after :w the next edit is applied (FL105 gone): ' .. codes(buf))
  vim.cmd.write()
  keys('0f:lC xy<Esc>')
  check(wait_until(function() return has(buf, '3:FL105') end), 'and the one after the next save too: ' .. codes(buf))
  keys('u')
  check(wait_until(function() return not has(buf, '3:FL105') end), 'undo clears it: ' .. codes(buf))

  -- 2. Completion on a new block: a storage profile typed after `bucket: lake`.
  vim.api.nvim_win_set_cursor(0, { 4, 0 })
  keys('o<C-u>  lake:<CR><C-u>    ')
  wait_until(function() return vim.api.nvim_get_current_line() == '    ' end, 5000)
  local words = complete()
  check(vim.tbl_contains(words, 'bucket') and vim.tbl_contains(words, 'credentials') and not vim.tbl_contains(words, 'catalogs'),
    'a new storage profile is offered its keys: ' .. table.concat(words, ','))
  accept('bucket')
  check(vim.api.nvim_get_current_line():match('^    bucket: ') ~= nil, 'accepting `bucket` writes it: ' .. vim.api.nvim_get_current_line())
  keys('raw<CR><C-u>    ty')
  wait_until(function() return vim.api.nvim_get_current_line() == '    ty' end, 5000)
  words = complete()
  check(vim.tbl_contains(words, 'type') and not vim.tbl_contains(words, 'bucket'), 'a half-typed key is completed by prefix: ' .. table.concat(words, ','))
  keys('<C-e><BS><BS>type: ')
  wait_until(function() return vim.api.nvim_get_current_line() == '    type: ' end, 5000)

  -- 3. An enum value after `type: `.
  words = complete()
  check(vim.tbl_contains(words, 's3') and vim.tbl_contains(words, 'gcs'), 'enum values after `type: `: ' .. table.concat(words, ','))
  accept('gcs')
  check(vim.api.nvim_get_current_line() == '    type: gcs', 'accepting `gcs` writes it: ' .. vim.api.nvim_get_current_line())
  keys('<Esc>')
  vim.cmd.write()
  check(wait_until(function() return not has(buf, '5:FL105') and codes(buf) == '' end), 'the new profile is valid: ' .. codes(buf))

  -- 4. Rename the new profile: floe.yaml's reference would follow (here it names `default`).
  vim.api.nvim_win_set_cursor(0, { 5, 3 })
  local edit = vim.lsp.buf_request_sync(buf, 'textDocument/rename',
    { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = 4, character = 3 }, newName = 'warm' }, 10000)
  for _, r in pairs(edit or {}) do
    if r.result then vim.lsp.util.apply_workspace_edit(r.result, 'utf-16') end
  end
  check(vim.api.nvim_buf_get_lines(buf, 4, 5, false)[1] == '  warm:', 'rename applied: ' .. (vim.api.nvim_buf_get_lines(buf, 4, 5, false)[1] or ''))

  if failures > 0 then
    out(failures .. ' check(s) failed')
    vim.cmd('cquit! 1')
  end
  out('all Neovim typing checks passed')
  vim.cmd('qa!')
end)
coroutine.resume(session)
