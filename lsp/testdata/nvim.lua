-- Drives Neovim (0.7 or later) against `hooklint lsp`: opens the hook, waits for the
-- diagnostic, applies the preferred quick fix and waits for the diagnostic to go. The
-- outcome is written as JSON to $RESULT_FILE; the Go test (nvim_test.go) judges it.
local bin, hook, out = os.getenv("HOOKLINT_BIN"), os.getenv("HOOK_FILE"), os.getenv("RESULT_FILE")
local result = { steps = {} }

local function finish()
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qall!")
end

local function step(name) table.insert(result.steps, name) end

-- Keep the protocol's own range of the first diagnostic published, before Neovim turns it
-- into byte columns.
local publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, res, ctx, config)
  if res and res.diagnostics and res.diagnostics[1] and not result.range then
    result.range = res.diagnostics[1].range
  end
  return publish(err, res, ctx, config)
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(hook))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = "hooklint",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(hook, ":h:h:h"),
    flags = { debounce_text_changes = 0 },
  })
  if not id then error("start_client failed") end
  vim.lsp.buf_attach_client(buf, id)
  step("attached")

  if not vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
    error("no diagnostic within 15 s")
  end
  local d = vim.diagnostic.get(buf)[1]
  result.diagnostic = {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    code = d.user_data and d.user_data.lsp and d.user_data.lsp.code,
    source = d.source, message = d.message, severity = d.severity,
  }
  step("diagnostic")

  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local params = vim.lsp.util.make_range_params(0, "utf-16")
  params.context = { diagnostics = { d.user_data.lsp } }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
  local chosen
  result.actions = {}
  for _, r in pairs(responses or {}) do
    for _, a in ipairs(r.result or {}) do
      table.insert(result.actions, a.title)
      if a.isPreferred and not chosen then chosen = a end
    end
  end
  if not chosen then error("no preferred code action") end
  vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
  result.applied = chosen.title
  step("applied")

  if not vim.wait(15000, function() return #vim.diagnostic.get(buf) == 0 end, 50) then
    error("the diagnostic is still there 15 s after the fix")
  end
  step("cleared")
  result.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  vim.lsp.stop_client(id)
end)
if not ok then result.error = tostring(err) end
finish()
