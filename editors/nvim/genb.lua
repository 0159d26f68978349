-- Headless test with real Neovim on a Generation B pair:
--   nvim --headless --clean -l editors/nvim/genb.lua <project> <floe-lint>
-- The config attaches to a FloeSpec floe.yaml and to floe's manifest.yaml (not to another tool's
-- manifest.yaml); diagnostics arrive for both; hover reads the manifest's schema.
local project, binary = arg[1], arg[2]
local harness = dofile(vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2)) .. '/harness.lua')
local check = harness.check
harness.start(binary)

local function attached(buf)
  return vim.wait(15000, function() return #vim.lsp.get_clients({ bufnr = buf, name = 'floe_lint' }) > 0 end)
end

local function codes(buf)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    found[#found + 1] = string.format('%d:%s', d.lnum, d.code)
  end
  table.sort(found)
  return found
end

vim.cmd.edit(project .. '/orders/floe.yaml')
local spec = vim.api.nvim_get_current_buf()
check(attached(spec), 'attached to the FloeSpec floe.yaml')
check(vim.wait(15000, function() return #vim.diagnostic.get(spec) > 0 end), 'floe.yaml diagnostics arrive')
print('floe.yaml diagnostics: ' .. table.concat(codes(spec), ' '))
check(vim.tbl_contains(codes(spec), '4:FL102'), 'FL102 on line 5 (version: 1)')

vim.cmd.edit(project .. '/manifest.yaml')
local manifest = vim.api.nvim_get_current_buf()
check(attached(manifest), "attached to floe's manifest.yaml")
check(vim.wait(15000, function() return #vim.diagnostic.get(manifest) > 0 end), 'manifest diagnostics arrive')
print('manifest diagnostics: ' .. table.concat(codes(manifest), ' '))
check(vim.tbl_contains(codes(manifest), '14:FL103'), 'FL103 on line 15 (policy_enforcement_level: loud)')

local params = { textDocument = { uri = vim.uri_from_bufnr(manifest) }, position = { line = 6, character = 2 } }
local hover = vim.lsp.buf_request_sync(manifest, 'textDocument/hover', params, 10000)
local hover_text = ''
for _, r in pairs(hover or {}) do
  if r.result and r.result.contents then hover_text = hover_text .. (r.result.contents.value or '') end
end
check(hover_text:find('**`plugins`**', 1, true) ~= nil, 'hover on plugins: reads the manifest schema: ' .. hover_text:sub(1, 80))

vim.cmd.edit(project .. '/deploy/manifest.yaml')
local other = vim.api.nvim_get_current_buf()
vim.wait(500)
check(#vim.lsp.get_clients({ bufnr = other, name = 'floe_lint' }) == 0, "not attached to another tool's manifest.yaml")

harness.finish()
