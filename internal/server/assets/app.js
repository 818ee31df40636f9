// imrlint's review page. Plain ES2020, no framework, no build step.
//
// A letter's text is only ever put into the page as text nodes
// (createTextNode, textContent), never as markup: a letter that contains
// "<script>" shows those characters. The Content-Security-Policy would
// stop an injected script anyway; this keeps the page correct, too.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);

  const SEVERITY = {
    error: { icon: "✖", label: "Error" },
    warning: { icon: "▲", label: "Warning" },
    info: { icon: "ℹ", label: "Info" },
  };

  // state.text is the letter as last sent or received. The textarea shows
  // it, but its value normalises line ends to LF, so the textarea is read
  // back only once the user has typed in it (dirty): a CRLF letter that was
  // dropped and fixed downloads with its CRLFs.
  const state = { text: "", name: "letter.txt", dirty: true, file: null, busy: false };

  const el = {
    letter: $("letter"),
    check: $("check"),
    file: $("file"),
    download: $("download"),
    status: $("status"),
    drop: $("drop"),
    results: $("results"),
    resultName: $("result-name"),
    items: $("items"),
    noItems: $("noitems"),
    view: $("view"),
    findings: $("findings"),
    noFindings: $("nofindings"),
    version: $("version"),
  };

  function setStatus(msg, kind) {
    el.status.textContent = msg;
    el.status.className = "status" + (kind ? " status-" + kind : "");
  }

  function make(tag, cls, text) {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }

  function plural(n, w) {
    return n === 1 ? "1 " + w : n + " " + w + "s";
  }

  // API is the header the server wants on every /api/ call: a page of
  // another origin cannot send it without a preflight the server never
  // grants, so the server knows the request comes from this page (or a
  // script), not from a form posted elsewhere.
  const API = { "X-Imrlint": "1" };

  // post sends a letter to /api/view. A 422 still carries a view whose file
  // says why it could not be read.
  async function post(body, contentType, name) {
    const url = "/api/view" + (name ? "?name=" + encodeURIComponent(name) : "");
    const headers = contentType ? { ...API, "Content-Type": contentType } : { ...API };
    const res = await fetch(url, { method: "POST", body, headers, credentials: "same-origin", cache: "no-store" });
    let data = null;
    try {
      data = await res.json();
    } catch (_) {
      data = null;
    }
    if (res.ok || (res.status === 422 && data && data.files)) return data;
    throw new Error((data && data.error) || "the server answered " + res.status + " " + res.statusText);
  }

  async function run(send, pending) {
    if (state.busy) return;
    state.busy = true;
    el.check.disabled = true;
    setStatus(pending);
    try {
      render(await send());
    } catch (e) {
      setStatus("Could not check the letter: " + e.message, "error");
    } finally {
      state.busy = false;
      el.check.disabled = false;
    }
  }

  function checkText() {
    if (state.dirty) {
      state.text = el.letter.value;
    }
    if (state.text.trim() === "") {
      setStatus("Paste a letter or choose a file first.", "error");
      el.letter.focus();
      return Promise.resolve();
    }
    return run(() => post(state.text, "text/plain; charset=utf-8", state.name), "Checking…");
  }

  function checkFile(file) {
    if (!file) return Promise.resolve();
    const form = new FormData();
    form.append("file", file, file.name);
    state.name = file.name;
    return run(() => post(form, null, null), "Reading and checking " + file.name + "…");
  }

  // render draws the view of the first file (the page sends one letter).
  function render(view) {
    const f = view && view.files && view.files[0];
    if (el.version.textContent === "" && view && view.tool) {
      el.version.textContent = "imrlint " + view.tool.version;
    }
    if (!f) {
      setStatus("The server sent no result.", "error");
      return;
    }
    if (f.error) {
      el.results.hidden = true;
      setStatus(f.path + " could not be checked: " + f.error, "error");
      return;
    }
    state.text = f.text;
    state.dirty = false;
    state.name = f.path;
    el.letter.value = f.text;
    el.download.disabled = false;
    el.results.hidden = false;
    el.results.classList.remove("stale");
    el.resultName.textContent = "— " + f.path + " (" + f.layout + ")";
    renderItems(f);
    renderLetter(f);
    renderFindings(f, view.checks || {}, (view.kinds && view.kinds[0]) || "text");
    const c = f.counts;
    const what = c.errors + c.warnings + c.infos === 0 ? "no findings" : plural(c.errors, "error") + ", " + plural(c.warnings, "warning") + ", " + plural(c.infos, "info");
    setStatus("Checked " + f.path + ": " + what + ".", c.errors > 0 ? "error" : "ok");
  }

  function renderItems(f) {
    const body = el.items.tBodies[0];
    body.replaceChildren();
    for (const it of f.items) {
      const tr = make("tr");
      let treatment = it.treatment;
      if (it.medication) treatment += " (" + it.medication + (it.strength ? " " + it.strength : "") + ")";
      for (const v of [it.index, treatment, it.quantity_text, it.body_part || "", it.decision]) {
        tr.append(make("td", null, v));
      }
      const cites = make("td");
      it.citations.forEach((c, i) => {
        if (i > 0) cites.append(make("br"));
        cites.append(document.createTextNode(c));
      });
      tr.append(cites);
      body.append(tr);
    }
    el.items.hidden = f.items.length === 0;
    el.noItems.hidden = f.items.length !== 0;
  }

  function titleOf(f, seg) {
    const lines = [];
    for (const id of seg.primary || []) {
      const x = f.findings[id];
      lines.push(x.severity + "[" + x.check + "]: " + x.message);
    }
    for (const id of seg.related || []) {
      const x = f.findings[id];
      lines.push("related to " + x.check + ": " + x.message);
    }
    return lines.join("\n");
  }

  // appendText adds text to parent as text nodes; a form feed (a PDF's page
  // break) becomes a visible rule, still holding the "\f" so that the
  // view's text stays the letter's.
  function appendText(parent, text) {
    const parts = text.split("\f");
    parts.forEach((part, i) => {
      if (i > 0) {
        const ff = make("span", "page-break", "\f");
        ff.setAttribute("role", "separator");
        ff.setAttribute("aria-label", "page break");
        parent.append(ff);
      }
      if (part !== "") parent.append(document.createTextNode(part));
    });
  }

  // renderLetter draws the text cut into the server's segments; a segment
  // under a finding's span is a <mark> whose data-p (primary) and data-r
  // (related) list the findings it belongs to.
  function renderLetter(f) {
    const frag = document.createDocumentFragment();
    for (const seg of f.segments) {
      const text = f.text.slice(seg.start, seg.end);
      const p = seg.primary || [];
      const r = seg.related || [];
      if (p.length + r.length === 0) {
        appendText(frag, text);
        continue;
      }
      const m = make("mark", "hl");
      if (p.length) m.classList.add("primary", "sev-" + seg.severity);
      if (r.length) m.classList.add("related");
      if (seg.start_severity) m.classList.add("start", "start-" + seg.start_severity);
      m.dataset.p = p.join(" ");
      m.dataset.r = r.join(" ");
      m.title = titleOf(f, seg);
      appendText(m, text);
      frag.append(m);
    }
    el.view.replaceChildren(frag);
  }

  function marksOf(id) {
    return el.view.querySelectorAll('mark[data-p~="' + id + '"], mark[data-r~="' + id + '"]');
  }

  function idsOf(m) {
    return (m.dataset.p + " " + m.dataset.r).split(" ").filter(Boolean);
  }

  function link(ids, on) {
    for (const id of ids) {
      for (const m of marksOf(id)) m.classList.toggle("linked", on);
      const li = el.findings.querySelector('li[data-id="' + id + '"]');
      if (li) li.classList.toggle("linked", on);
    }
  }

  const smooth = () => (window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth");

  // select emphasises a finding: its spans in the letter and its entry in
  // the list; target is the span to scroll to ("p" or a related index).
  function select(id, target, scrollList) {
    for (const n of document.querySelectorAll(".active")) n.classList.remove("active");
    for (const m of marksOf(id)) m.classList.add("active");
    const li = el.findings.querySelector('li[data-id="' + id + '"]');
    if (li) {
      li.classList.add("active");
      if (scrollList) li.scrollIntoView({ block: "nearest", behavior: smooth() });
    }
    let first = null;
    if (target === "p" || target === undefined) {
      first = el.view.querySelector('mark[data-p~="' + id + '"]');
    } else {
      first = el.view.querySelectorAll('mark[data-r~="' + id + '"]')[target] || null;
    }
    first = first || marksOf(id)[0];
    if (first) first.scrollIntoView({ block: "center", behavior: smooth() });
  }

  el.view.addEventListener("mouseover", (e) => {
    const m = e.target.closest("mark.hl");
    if (m) link(idsOf(m), true);
  });
  el.view.addEventListener("mouseout", (e) => {
    const m = e.target.closest("mark.hl");
    if (m) link(idsOf(m), false);
  });
  el.view.addEventListener("click", (e) => {
    const m = e.target.closest("mark.hl");
    if (!m) return;
    const ids = idsOf(m);
    if (ids.length) select(ids[0], "p", true);
  });

  // A letter (or digit) of a word; an apostrophe or hyphen inside one.
  const WORD = /[\p{L}\p{N}\p{M}_'’-]/u;
  const isWord = (c) => c !== undefined && c !== "" && WORD.test(c);

  // contextOf is the edit's context cut at word boundaries: where the
  // server clipped a line's context ("…" and 40 characters) inside a word,
  // the partial word is dropped, so the preview starts and ends at a word.
  function contextOf(text, edit) {
    const o = edit.span.offsets;
    let before = edit.context_before, after = edit.context_after;
    if (before.startsWith("…")) {
      const rest = before.slice(1);
      const cut = o.u16_start - rest.length;
      if (text.slice(cut, o.u16_start) === rest && isWord(text[cut - 1]) && isWord(text[cut])) {
        let i = 0;
        while (i < rest.length && isWord(rest[i])) i++;
        before = "…" + rest.slice(i);
      }
    }
    if (after.endsWith("…")) {
      const rest = after.slice(0, -1);
      const cut = o.u16_end + rest.length;
      if (text.slice(o.u16_end, cut) === rest && isWord(text[cut - 1]) && isWord(text[cut])) {
        let i = rest.length;
        while (i > 0 && isWord(rest[i - 1])) i--;
        after = rest.slice(0, i) + "…";
      }
    }
    return { before, after };
  }

  function diff(edit) {
    const d = make("p", "diff");
    const ctx = contextOf(state.text, edit);
    d.append(make("span", "ctx", ctx.before));
    const del = make("del", null, edit.before);
    del.setAttribute("aria-label", "remove: " + edit.before);
    const ins = make("ins", null, edit.replacement);
    ins.setAttribute("aria-label", "insert: " + edit.replacement);
    d.append(del, ins, make("span", "ctx", ctx.after));
    return d;
  }

  function editBlock(f, x, edit, suggestion) {
    const box = make("div", suggestion ? "edit suggestion" : "edit");
    box.append(make("p", "edit-label", suggestion ? "Suggestion — check before applying" : "Fix"));
    box.append(diff(edit));
    const b = make("button", "apply", suggestion ? "Apply suggestion" : "Apply fix");
    b.type = "button";
    b.setAttribute("aria-label", (suggestion ? "Apply suggestion" : "Apply fix") + ": replace “" + edit.before + "” with “" + edit.replacement + "” (" + x.check + ")");
    b.addEventListener("click", () => apply(edit));
    box.append(b);
    return box;
  }

  // pageLines indexes where each line of a PDF's or DOCX's text starts,
  // with its page and its line on that page, counted as the command line
  // counts them (position.PageLine): a form feed starts a page at line 1,
  // a line feed or a carriage return alone ends a line.
  function pageLines(text) {
    const at = [0], page = [1], line = [1];
    let p = 1, l = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 12) {
        p++;
        l = 1;
      } else if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        l++;
      } else {
        continue;
      }
      at.push(i + 1);
      page.push(p);
      line.push(l);
    }
    return (off) => {
      let lo = 0, hi = at.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (at[mid] <= off) lo = mid;
        else hi = mid - 1;
      }
      return { page: page[lo], line: line[lo] };
    };
  }

  // placeOf says where a span is: page and line for a PDF or DOCX, as the
  // command line's report does, line and column for a text file.
  function placeOf(kind, text) {
    if (kind !== "pdf" && kind !== "docx") return (span) => "line " + span.line + ", column " + span.column;
    const at = pageLines(text);
    return (span) => {
      const p = at(span.offsets.u16_start);
      return "page " + p.page + ", line " + p.line;
    };
  }

  function renderFindings(f, checks, kind) {
    const where = placeOf(kind, f.text);
    el.findings.replaceChildren();
    el.noFindings.hidden = f.findings.length !== 0;
    for (const x of f.findings) {
      const sev = SEVERITY[x.severity] || SEVERITY.info;
      const li = make("li", "finding sev-" + x.severity);
      li.dataset.id = String(x.id);

      // The whole head is one button: Tab reaches it, Enter selects.
      const go = make("button", "go");
      go.type = "button";
      const badge = make("span", "badge badge-" + x.severity);
      const icon = make("span", null, sev.icon);
      icon.setAttribute("aria-hidden", "true");
      badge.append(icon, document.createTextNode(" " + sev.label));
      go.append(badge, " ", make("code", "check-name", x.check), " ", make("span", "where", where(x.span)));
      go.append(make("span", "message", x.message));
      go.addEventListener("click", () => select(x.id, "p", false));
      go.addEventListener("focus", () => link([x.id], true));
      go.addEventListener("blur", () => link([x.id], false));
      li.append(go);

      if (x.related && x.related.length) {
        const ul = make("ul", "related-list");
        x.related.forEach((r, i) => {
          const b = make("button", "linkish", where(r.span));
          b.type = "button";
          b.addEventListener("click", () => select(x.id, i, false));
          const rli = make("li");
          rli.append(b, document.createTextNode(": " + r.message));
          ul.append(rli);
        });
        li.append(ul);
      }
      if (x.fix) li.append(editBlock(f, x, x.fix, false));
      if (x.suggestion) li.append(editBlock(f, x, x.suggestion, true));

      const doc = checks[x.check];
      if (doc) {
        const toggle = make("button", "explain", "Explain " + x.check);
        toggle.type = "button";
        const pre = make("div", "doc");
        for (const block of doc.doc) {
          const para = make("div", "doc-p");
          for (const line of block.lines) para.append(make("p", line.list ? "doc-line doc-li" : "doc-line", line.text));
          pre.append(para);
        }
        pre.id = "doc-" + x.id;
        pre.hidden = true;
        toggle.setAttribute("aria-expanded", "false");
        toggle.setAttribute("aria-controls", pre.id);
        toggle.addEventListener("click", () => {
          pre.hidden = !pre.hidden;
          toggle.setAttribute("aria-expanded", String(!pre.hidden));
        });
        li.append(toggle, pre);
      }
      li.addEventListener("mouseenter", () => link([x.id], true));
      li.addEventListener("mouseleave", () => link([x.id], false));
      el.findings.append(li);
    }
  }

  // Up and Down move between the findings' heads, as in a list box.
  el.findings.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const heads = Array.from(el.findings.querySelectorAll("button.go"));
    const i = heads.indexOf(document.activeElement);
    if (i < 0) return;
    const j = e.key === "ArrowDown" ? Math.min(i + 1, heads.length - 1) : Math.max(i - 1, 0);
    heads[j].focus();
    e.preventDefault();
  });

  // apply replaces the edit's span (UTF-16 offsets, as JavaScript strings
  // count) and checks the letter again, which also moves every other
  // finding to its new place.
  function apply(edit) {
    const o = edit.span.offsets;
    if (state.text.slice(o.u16_start, o.u16_end) !== edit.before) {
      setStatus("The letter changed since it was checked; press Check again first.", "error");
      return;
    }
    state.text = state.text.slice(0, o.u16_start) + edit.replacement + state.text.slice(o.u16_end);
    state.dirty = false;
    el.letter.value = state.text;
    run(() => post(state.text, "text/plain; charset=utf-8", state.name), "Applied; checking again…").then(() => {
      const first = el.findings.querySelector("button.go");
      (first || el.download).focus();
    });
  }

  function correctedName(name) {
    const base = name.replace(/\.[A-Za-z0-9]+$/, "");
    return (base || "letter") + "-corrected.txt";
  }

  el.download.addEventListener("click", () => {
    const text = state.dirty ? el.letter.value : state.text;
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const a = make("a");
    a.href = url;
    a.download = correctedName(state.name);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });

  el.check.addEventListener("click", () => checkText());
  el.letter.addEventListener("input", () => {
    state.dirty = true;
    if (!el.results.hidden) {
      el.results.classList.add("stale");
      setStatus("The text changed since the last check; press Check (or Ctrl+Enter).");
    }
  });
  el.letter.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      checkText();
    }
  });
  el.file.addEventListener("change", () => {
    checkFile(el.file.files[0]);
    el.file.value = "";
  });

  // Files may be dropped anywhere on the page; the box shows where.
  document.addEventListener("dragover", (e) => {
    e.preventDefault();
    el.drop.classList.add("dragging");
  });
  document.addEventListener("dragleave", (e) => {
    if (e.relatedTarget === null) el.drop.classList.remove("dragging");
  });
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    el.drop.classList.remove("dragging");
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) checkFile(file);
  });

  fetch("/api/version", { credentials: "same-origin", headers: API })
    .then((r) => (r.ok ? r.json() : null))
    .then((v) => {
      if (v && v.version) el.version.textContent = "imrlint " + v.version;
    })
    .catch(() => {});
})();
