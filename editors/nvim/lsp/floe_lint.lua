-- floe-lint language server for Neovim >= 0.11 (vim.lsp.config / vim.lsp.enable).
-- Put this directory on 'runtimepath' (or copy lsp/floe_lint.lua into your config's lsp/), then:
--   vim.lsp.enable('floe_lint')
-- It attaches only to floe.yaml / platform.yaml buffers.

local floe_files = { ['floe.yaml'] = true, ['floe.yml'] = true, ['platform.yaml'] = true, ['platform.yml'] = true }

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
    if floe_files[vim.fs.basename(name)] then
      on_dir(vim.fs.root(bufnr, { '.floe-lint.toml', 'floe.yaml', '.git' }) or vim.fs.dirname(name))
    end
  end,
  -- Sent as workspace/configuration section `floeLint`: environment, platformFile, select, ignore, configPath.
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
