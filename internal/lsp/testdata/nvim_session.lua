-- A Neovim 0.7 session against `imrlint lsp`, run by TestNeovim:
--   nvim --headless --clean -c 'luafile nvim_session.lua' LETTER
-- It starts the server for the buffer, waits for its diagnostics, asks
-- for the hover and the quick fix at the first one, applies the fix as
-- Neovim applies a code action's edit, waits for the diagnostics to clear
-- (the change goes to the server as didChange), and writes what it saw to
-- $IMRLINT_NVIM_OUT as JSON. Every wait is bounded.
-- vim.lsp.start is Neovim 0.8's; 0.7 has start_client and buf_attach_client.

local out = os.getenv("IMRLINT_NVIM_OUT")
local seen = { steps = {} }

local function finish()
  local f = assert(io.open(out, "w"))
  f:write(vim.fn.json_encode(seen))
  f:close()
  vim.cmd("qall!")
end

local function step(name) table.insert(seen.steps, name) end

local function diagnostics()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, source = d.source, message = d.message,
    })
  end
  return list
end

local ok, err = pcall(function()
  local id = vim.lsp.start_client({
    name = "imrlint",
    cmd = { os.getenv("IMRLINT_BIN"), "lsp" },
    root_dir = os.getenv("IMRLINT_ROOT"),
  })
  if not id then error("start_client returned nil") end
  step("started")
  vim.lsp.buf_attach_client(0, id)
  if not vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20) then
    error("no diagnostics within 20 s")
  end
  step("diagnostics")
  seen.diagnostics = diagnostics()
  local client = vim.lsp.get_client_by_id(id)
  seen.offset_encoding = client.offset_encoding

  -- The cursor on the first finding (Neovim's columns are bytes), then
  -- Neovim makes the LSP position (UTF-16) itself.
  local first = vim.diagnostic.get(0)[1]
  vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col + 1 })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local hover = vim.lsp.buf_request_sync(0, "textDocument/hover", params, 10000)
  if hover and hover[id] and hover[id].result then
    seen.hover = hover[id].result.contents.value
  end
  step("hover")

  local range = vim.lsp.util.make_range_params(0, client.offset_encoding)
  range.context = { diagnostics = {} }
  local actions = vim.lsp.buf_request_sync(0, "textDocument/codeAction", range, 10000)
  local fix
  seen.actions = {}
  for _, a in ipairs((actions and actions[id] and actions[id].result) or {}) do
    table.insert(seen.actions, { title = a.title, kind = a.kind })
    if a.kind == "quickfix" and not fix then fix = a end
  end
  step("codeAction")
  if not fix then error("no quick fix") end
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  seen.fixed_line = vim.api.nvim_buf_get_lines(0, first.lnum, first.lnum + 1, false)[1]
  step("applied")
  if not vim.wait(20000, function() return #vim.diagnostic.get(0) == 0 end, 20) then
    seen.after_fix = diagnostics()
    error("the diagnostics did not clear within 20 s of the fix")
  end
  step("cleared")
  vim.lsp.stop_client(id)
  vim.wait(10000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
  step("stopped")
end)
if not ok then seen.error = tostring(err) end
finish()
