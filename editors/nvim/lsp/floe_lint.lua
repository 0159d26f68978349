-- floe-lint language server for Neovim >= 0.11 (vim.lsp.config / vim.lsp.enable).
-- Put this directory on 'runtimepath' (or copy lsp/floe_lint.lua into your config's lsp/), then:
--   vim.lsp.enable('floe_lint')
-- It attaches only to floe.yaml / platform.yaml buffers, and to manifest.yaml buffers that are
-- floe's (Generation B: `kind: Manifest` or a `floe.dev/` apiVersion; other tools use the name).

local floe_files = { ['floe.yaml'] = true, ['floe.yml'] = true, ['platform.yaml'] = true, ['platform.yml'] = true }
local manifest_files = { ['manifest.yaml'] = true, ['manifest.yml'] = true }

-- As the server decides for a directory walk: the first lines name floe.dev/ or kind: Manifest.
local function declares_floe_manifest(bufnr)
  for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, 200, false)) do
    if line:find('floe.dev/', 1, true) or line:match([[^kind%s*:%s*["']?Manifest["']?%s*$]])
      or line:match([[^kind%s*:%s*["']?Manifest["']?%s+#]]) then
      return true
    end
  end
  return false
end

local function is_floe_buffer(bufnr, name)
  local base = vim.fs.basename(name)
  return floe_files[base] or (manifest_files[base] and declares_floe_manifest(bufnr))
end

local function execute(client, bufnr, command)
  local params = { command = command, arguments = { vim.uri_from_bufnr(bufnr) } }
  client:request('workspace/executeCommand', params, function(err, result)
    if err then
      vim.notify('floe-lint: ' .. err.message, vim.log.levels.WARN)
    elseif type(result) == 'string' then
      -- A preview: show it in a read-only scratch buffer.
      local buf = vim.api.nvim_create_buf(false, true)
      vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(result, '\n'))
      vim.bo[buf].filetype = 'yaml'
      vim.bo[buf].modifiable = false
      vim.cmd.split()
      vim.api.nvim_win_set_buf(0, buf)
    elseif result ~= nil then
      vim.notify(vim.inspect(result))
    end
  end, bufnr)
end

---@type vim.lsp.Config
return {
  cmd = { 'floe-lint', 'lsp' },
  filetypes = { 'yaml' },
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    if is_floe_buffer(bufnr, name) then
      on_dir(vim.fs.root(bufnr, { '.floe-lint.toml', 'floe.yaml', '.git' }) or vim.fs.dirname(name))
    end
  end,
  -- Sent as workspace/configuration section `floeLint`: environment, platformFile, select, ignore,
  -- configPath, manifestFile.
  settings = { floeLint = {} },
  on_attach = function(client, bufnr)
    vim.api.nvim_buf_create_user_command(bufnr, 'FloeLintPreviewProfiles', function()
      execute(client, bufnr, 'floe-lint.previewProfiles')
    end, { desc = 'floe-lint: preview the generated dbt profiles.yml' })
    vim.api.nvim_buf_create_user_command(bufnr, 'FloeLintVerifyConnectivity', function()
      execute(client, bufnr, 'floe-lint.verifyConnectivity')
    end, { desc = 'floe-lint: verify catalog connectivity' })
  end,
}
