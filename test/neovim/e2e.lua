-- Drives Neovim's built-in LSP client (0.7+ APIs only: vim.lsp.start_client, buf_attach_client,
-- buf_request_sync, util.apply_workspace_edit) against the bundled Lashing language server.
-- Run headless by test/neovim/neovim.test.ts:
--   nvim --headless --clean -c "luafile test/neovim/e2e.lua"
-- Inputs (environment):
--   LASHING_NODE      node executable
--   LASHING_SERVER    path of dist/server.js
--   LASHING_ROOT      workspace folder (a copy of examples/)
--   LASHING_OUT       where the JSON result is written
--   LASHING_SETTINGS  how the settings reach the server: 'configuration' (pulled with
--                     workspace/configuration), 'didChangeConfiguration' (pushed from on_init, as
--                     nvim-lspconfig does) or 'initializationOptions' (initializationOptions.settings)
--   LASHING_FILES     comma-separated "relative/path=filetype" list of files to open
--   LASHING_FIX       optional "relative/path=ruleId=fix title": request code actions for that
--                     finding and apply the one with that title
--   LASHING_TIMEOUT   milliseconds to wait for each step (default 20000)
-- The result always gets written, also when a step fails, and Neovim always quits.

local env = function(name, default)
  local value = os.getenv(name)
  if value == nil or value == '' then
    return default
  end
  return value
end

local node = env('LASHING_NODE', 'node')
local server = env('LASHING_SERVER')
local root = env('LASHING_ROOT')
local out_path = env('LASHING_OUT')
local settings_mode = env('LASHING_SETTINGS', 'configuration')
local timeout = tonumber(env('LASHING_TIMEOUT', '20000'))

local result = {
  nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch),
  settingsMode = settings_mode,
  files = {},
  published = {},
  steps = {},
}

local function step(message)
  table.insert(result.steps, message)
end

local function split(text, separator)
  local parts = {}
  for part in string.gmatch(text, '([^' .. separator .. ']+)') do
    table.insert(parts, part)
  end
  return parts
end

-- The diagnostic settings a user would put in their config; expose-ssh is raised to error so the
-- test can tell that the settings reached the server.
local lashing_settings = { rules = { ['dockerfile/expose-ssh'] = 'error' } }

-- Raw publishDiagnostics params by URI, as the server sent them (the test checks Neovim's own
-- diagnostic store as well).
local received = {}
-- The server reports its workspace scan as work-done progress; cross-file findings of open
-- documents are only final once the scan has ended and the server has gone quiet.
local scans_ended = 0
local last_publish = 0
local function now_ms()
  return vim.loop.hrtime() / 1e6
end
local QUIET_MS = 400

local function run()
  assert(server, 'LASHING_SERVER is not set')
  assert(root, 'LASHING_ROOT is not set')
  local config = {
    name = 'lashing',
    cmd = { node, server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'examples' } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, handler_config)
        received[params.uri] = params
        last_publish = now_ms()
        table.insert(result.published, { uri = params.uri, version = params.version, count = #params.diagnostics })
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, params, ctx, handler_config)
      end,
      ['$/progress'] = function(err, params, ctx, handler_config)
        if type(params.value) == 'table' and params.value.kind == 'end' then
          scans_ended = scans_ended + 1
          table.insert(result.steps, 'server progress ended')
        end
        return vim.lsp.handlers['$/progress'](err, params, ctx, handler_config)
      end,
      -- Keep the headless run quiet: messages are recorded, not shown.
      ['window/showMessage'] = function(_, params)
        table.insert(result.steps, 'server message: ' .. tostring(params.message))
      end,
    },
  }
  if settings_mode == 'initializationOptions' then
    -- Works with every client: the server reads initializationOptions.settings.
    config.init_options = { settings = lashing_settings }
  elseif settings_mode == 'didChangeConfiguration' then
    -- Neovim 0.7 answers workspace/configuration but does not advertise it; nvim-lspconfig sends
    -- the settings with workspace/didChangeConfiguration from on_init, as done here.
    config.settings = { lashing = lashing_settings }
    config.on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end
  elseif settings_mode == 'configuration' then
    -- The server pulls the `lashing` section with workspace/configuration; Neovim's own handler
    -- answers from `settings`. The capability is advertised explicitly because 0.7 leaves it out.
    config.settings = { lashing = lashing_settings }
    local capabilities = vim.lsp.protocol.make_client_capabilities()
    capabilities.workspace = capabilities.workspace or {}
    capabilities.workspace.configuration = true
    config.capabilities = capabilities
  else
    error('unknown LASHING_SETTINGS mode ' .. settings_mode)
  end

  local exited
  config.on_exit = function(code, signal)
    exited = { code = code, signal = signal }
  end

  local client_id = vim.lsp.start_client(config)
  assert(client_id, 'vim.lsp.start_client returned nil')
  step('client started')

  local ok = vim.wait(timeout, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return (client and client.initialized) or exited ~= nil
  end, 20)
  assert(ok and not exited, 'the server did not initialize: ' .. vim.inspect(exited))
  local client = vim.lsp.get_client_by_id(client_id)
  result.codeActionProvider = client.server_capabilities.codeActionProvider ~= nil
  step('client initialized')

  local buffers = {}
  for _, entry in ipairs(split(env('LASHING_FILES', ''), ',')) do
    local pair = split(entry, '=')
    local relative, filetype = pair[1], pair[2]
    local path = root .. '/' .. relative
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local bufnr = vim.api.nvim_get_current_buf()
    vim.bo[bufnr].filetype = filetype
    assert(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach to ' .. relative)
    buffers[relative] = bufnr
    step('opened ' .. relative .. ' as ' .. filetype)
  end

  -- Diagnostics count when they are for the buffer's current version (the server publishes the
  -- version of open documents; a workspace scan may publish the on-disk state first), the initial
  -- workspace scan has ended and no diagnostics arrived for QUIET_MS (what a user sees settle).
  local function wait_current(relative)
    local bufnr = buffers[relative]
    local uri = vim.uri_from_bufnr(bufnr)
    local done = vim.wait(timeout, function()
      local params = received[uri]
      return params ~= nil
        and params.version == vim.lsp.util.buf_versions[bufnr]
        and scans_ended > 0
        and now_ms() - last_publish >= QUIET_MS
    end, 20)
    assert(done, 'no settled diagnostics for the current version of ' .. relative .. ' (version '
      .. tostring(vim.lsp.util.buf_versions[bufnr]) .. ', last published: '
      .. vim.inspect(received[uri] and received[uri].version) .. ', scans ended: ' .. scans_ended .. ')')
    return received[uri]
  end

  local function snapshot(relative)
    local bufnr = buffers[relative]
    local params = received[vim.uri_from_bufnr(bufnr)]
    local entry = { uri = params.uri, version = params.version, lsp = {}, neovim = {} }
    for _, d in ipairs(params.diagnostics) do
      table.insert(entry.lsp, {
        code = d.code,
        source = d.source,
        severity = d.severity,
        message = d.message,
        line = d.range.start.line,
        character = d.range.start.character,
        endLine = d.range['end'].line,
        endCharacter = d.range['end'].character,
      })
    end
    -- What Neovim itself now shows for the buffer (vim.diagnostic, lnum 0-based).
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.code
      if code == nil and d.user_data and d.user_data.lsp then
        code = d.user_data.lsp.code
      end
      table.insert(entry.neovim, { code = code, severity = d.severity, lnum = d.lnum, col = d.col, message = d.message, source = d.source })
    end
    entry.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
    return entry
  end

  for relative, _ in pairs(buffers) do
    wait_current(relative)
    result.files[relative] = snapshot(relative)
    step('diagnostics received for ' .. relative)
  end

  local fix = env('LASHING_FIX')
  if fix then
    local parts = split(fix, '=')
    local relative, rule_id, title = parts[1], parts[2], parts[3]
    local bufnr = buffers[relative]
    assert(bufnr, relative .. ' is not open')
    local uri = vim.uri_from_bufnr(bufnr)
    local diagnostic
    for _, d in ipairs(received[uri].diagnostics) do
      if d.code == rule_id then
        diagnostic = d
        break
      end
    end
    assert(diagnostic, 'no ' .. rule_id .. ' diagnostic in ' .. relative)

    -- Hover on the finding shows the rule's documentation; lashing/explainRule returns it too
    -- (what an editor command such as :LashingExplain would call).
    local hovers = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
      textDocument = { uri = uri },
      position = diagnostic.range.start,
    }, timeout)
    for _, response in pairs(hovers or {}) do
      if response.result and response.result.contents then
        result.hover = response.result.contents.value or response.result.contents
      end
    end
    local explained = client.request_sync('lashing/explainRule', { ruleId = rule_id }, timeout, bufnr)
    result.explain = explained and explained.result
    local params = {
      textDocument = { uri = uri },
      range = diagnostic.range,
      context = { diagnostics = { diagnostic }, only = { 'quickfix' } },
    }
    local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout)
    assert(responses, 'textDocument/codeAction failed: ' .. tostring(err))
    local actions = {}
    local chosen
    for _, response in pairs(responses) do
      assert(not response.err, 'textDocument/codeAction error: ' .. vim.inspect(response.err))
      for _, action in ipairs(response.result or {}) do
        table.insert(actions, { title = action.title, kind = action.kind, isPreferred = action.isPreferred == true })
        if action.title == title then
          chosen = action
        end
      end
    end
    result.codeActions = actions
    assert(chosen, 'no code action titled "' .. title .. '" among ' .. vim.inspect(actions))
    assert(chosen.edit, 'the code action has no edit')
    result.appliedEdit = chosen.edit
    local version_before = vim.lsp.util.buf_versions[bufnr]
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
    result.versionBefore = version_before
    result.versionAfter = vim.lsp.util.buf_versions[bufnr]
    step('applied "' .. title .. '"')
    -- Neovim sends didChange; the server re-analyses and publishes for the new version.
    wait_current(relative)
    result.afterFix = snapshot(relative)
    step('diagnostics received after the fix')
  end

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    return exited ~= nil
  end, 20)
  result.exit = exited
  step('client stopped')
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  result.error = tostring(err)
end
local file = assert(io.open(out_path, 'w'))
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
