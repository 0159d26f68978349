-- Headless test with real Neovim: nvim --headless --clean -l editors/nvim/test.lua <project> <floe-lint>
-- Opens the project's floe.yaml and platform/prod/platform.yaml with the real `floe-lint lsp` and
-- checks diagnostics (codes, lines), a hover, a go-to-definition into platform.yaml and a code action.
local project, binary = arg[1], arg[2]
local harness = dofile(vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2)) .. '/harness.lua')
local check = harness.check
harness.start(binary)

vim.cmd.edit(project .. '/platform/prod/platform.yaml')
local platform = vim.api.nvim_get_current_buf()
check(vim.wait(15000, function() return #vim.lsp.get_clients({ bufnr = platform, name = 'floe_lint' }) > 0 end), 'attached to platform.yaml')
check(vim.wait(15000, function() return #vim.diagnostic.get(platform) > 0 end), 'diagnostics arrive')
local found = {}
for _, d in ipairs(vim.diagnostic.get(platform)) do
  found[#found + 1] = string.format('%d:%s', d.lnum, d.code)
end
table.sort(found)
print('platform diagnostics: ' .. table.concat(found, ' '))
check(vim.tbl_contains(found, '13:FL103'), 'FL103 on line 14 (vended_credentials)')

-- A buffer that is neither floe.yaml nor platform.yaml gets no client.
vim.cmd.edit(project .. '/other.yaml')
check(#vim.lsp.get_clients({ bufnr = vim.api.nvim_get_current_buf(), name = 'floe_lint' }) == 0, 'not attached to other.yaml')

vim.cmd.edit(project .. '/floe.yaml')
local floe = vim.api.nvim_get_current_buf()
check(vim.wait(15000, function() return #vim.lsp.get_clients({ bufnr = floe, name = 'floe_lint' }) > 0 end), 'attached to floe.yaml')
check(vim.wait(15000, function() return #vim.diagnostic.get(floe) > 0 end), 'floe.yaml diagnostics arrive')
local floe_codes = {}
for _, d in ipairs(vim.diagnostic.get(floe)) do
  floe_codes[#floe_codes + 1] = string.format('%d:%s', d.lnum, d.code)
end
print('floe diagnostics: ' .. table.concat(floe_codes, ' '))
check(vim.tbl_contains(floe_codes, '1:FL102'), 'FL102 on line 2 (version: 1.0)')

-- Hover on `catalog: lakehouse` shows the resolved profile per environment.
local function at(buf, line, col)
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col } }
end
local hover = vim.lsp.buf_request_sync(floe, 'textDocument/hover', at(floe, 3, 11), 10000)
local hover_text = ''
for _, r in pairs(hover or {}) do
  if r.result and r.result.contents then hover_text = hover_text .. (r.result.contents.value or '') end
end
check(hover_text:find('Catalog profile `lakehouse`', 1, true) ~= nil, 'hover shows the resolved catalog profile')

-- Go to definition lands in platform.yaml.
local definition = vim.lsp.buf_request_sync(floe, 'textDocument/definition', at(floe, 3, 11), 10000)
local targets = {}
for _, r in pairs(definition or {}) do
  for _, loc in ipairs(r.result or {}) do targets[#targets + 1] = loc.uri end
end
check(#targets == 1 and targets[1]:find('platform/local/platform.yaml', 1, true) ~= nil, 'definition in platform/local/platform.yaml: ' .. table.concat(targets, ', '))

-- A code action fixes the enum near-miss in platform.yaml.
vim.api.nvim_set_current_buf(platform)
local diagnostics = vim.diagnostic.get(platform)
local lsp_diagnostics = {}
for _, d in ipairs(diagnostics) do
  if d.code == 'FL103' then lsp_diagnostics[#lsp_diagnostics + 1] = d.user_data.lsp end
end
local params = { textDocument = { uri = vim.uri_from_bufnr(platform) }, range = lsp_diagnostics[1].range, context = { diagnostics = lsp_diagnostics } }
local actions = vim.lsp.buf_request_sync(platform, 'textDocument/codeAction', params, 10000)
local applied = false
for _, r in pairs(actions or {}) do
  for _, action in ipairs(r.result or {}) do
    if not applied and action.edit and action.title:find('Replace with', 1, true) then
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      applied = true
    end
  end
end
local line = vim.api.nvim_buf_get_lines(platform, 13, 14, false)[1] or ''
check(applied and line:find('access_delegation: vended%-credentials') ~= nil, 'code action edit applied: ' .. line)

harness.finish()
