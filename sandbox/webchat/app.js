// Voelspriet sandbox web chat: several people side by side, each talking to the bot through the
// local Telegram stand-in. Plain JavaScript, no build step and nothing loaded from elsewhere.
// Message text is never put into innerHTML: it is built as DOM nodes from text plus entities.
"use strict";

(() => {
  const ROLE_LABELS = {
    coordinator: "coördinator",
    professional: "beroepskracht",
    volunteer: "vrijwilliger",
  };
  const NO_ACCOUNT = "nog geen account";
  const DEMO_LOCATION = { latitude: 52.1066, longitude: 5.1172 }; // Utrecht, Noordoost
  // Telegram's apps turn **bold**, __italic__, ~~struck~~, `code` and [text](https://…) into
  // formatting as they send; the composer does the same (no nesting).
  const MARKS = [
    ["**", "bold"],
    ["__", "italic"],
    ["~~", "strikethrough"],
    ["`", "code"],
  ];
  const LINK = /^\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/;
  const TOAST_MS = 2600;
  const PENDING_MS = 8000;
  const HIDDEN_KEY = "voelspriet.sandbox.hidden";
  const CLOCK_REFRESH_MS = 15000;
  // For entities covering the same range: which element goes outside.
  const NESTING = { blockquote: 0, expandable_blockquote: 0, pre: 1, text_link: 2, url: 2, spoiler: 3, code: 9 };

  const columns = new Map(); // person id -> column state
  let seq = 0;
  let timeZone = "Europe/Amsterdam"; // the organisation's, from the stand-in's state
  let rolesTimer = null;

  const $ = (root, testid) => root.querySelector(`[data-testid="${testid}"]`);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // Columns hidden with ✕ (kept in the browser); null until the person hides or shows one.
  function loadHidden() {
    try {
      const stored = localStorage.getItem(HIDDEN_KEY);
      return stored === null ? null : new Set(JSON.parse(stored).map(Number));
    } catch {
      return null;
    }
  }
  const storedHidden = loadHidden();
  const hidden = storedHidden || new Set();
  function saveHidden() {
    try {
      localStorage.setItem(HIDDEN_KEY, JSON.stringify([...hidden]));
    } catch {
      /* private mode: forget it */
    }
  }

  // ---------------------------------------------------------------- talking to the stand-in
  async function api(method, path, body) {
    const options = { method, headers: {} };
    if (body instanceof FormData) {
      options.body = body;
    } else if (body !== undefined) {
      options.headers["content-type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    const type = response.headers.get("content-type") || "";
    const data = type.includes("json") ? await response.json() : await response.text();
    if (!response.ok) {
      const reason = typeof data === "string" ? data : data.error || JSON.stringify(data);
      throw new Error(reason || `HTTP ${response.status}`);
    }
    return data;
  }

  function setConnection(state, label) {
    const node = document.querySelector('[data-testid="connection"]');
    node.dataset.state = state;
    node.querySelector(".label").textContent = label;
  }

  // ---------------------------------------------------------------- formatted text
  function safeUrl(url) {
    try {
      const parsed = new URL(url, window.location.href);
      return ["http:", "https:", "mailto:", "tg:", "tel:"].includes(parsed.protocol) ? parsed.href : null;
    } catch {
      return null;
    }
  }

  // Entities as a tree: each one inside the one that encloses it; one that crosses the end of
  // its parent is split there (Telegram allows overlap, the DOM does not).
  function entityTree(length, entities) {
    const rank = (item) => NESTING[item.entity.type] ?? 5;
    const list = [];
    for (const entity of entities || []) {
      const start = Math.max(0, Number(entity.offset) || 0);
      const end = Math.min(length, start + (Number(entity.length) || 0));
      if (end > start) list.push({ entity, start, end });
    }
    const order = (a, b) => a.start - b.start || b.end - a.end || rank(a) - rank(b);
    list.sort(order);
    const root = { entity: null, start: 0, end: length, children: [] };
    const stack = [root];
    for (let i = 0; i < list.length; i += 1) {
      const item = list[i];
      while (stack.length > 1 && stack[stack.length - 1].end <= item.start) stack.pop();
      const parent = stack[stack.length - 1];
      let end = item.end;
      if (end > parent.end) {
        const rest = { entity: item.entity, start: parent.end, end: item.end };
        end = parent.end;
        let j = i + 1;
        while (j < list.length && order(list[j], rest) <= 0) j += 1;
        list.splice(j, 0, rest);
      }
      const node = { entity: item.entity, start: item.start, end, children: [] };
      parent.children.push(node);
      stack.push(node);
    }
    return root;
  }

  // The element for one entity: [outer, inner] (inner receives the children).
  function entityElement(entity, covered, column, own) {
    switch (entity.type) {
      case "bold":
        return [el("strong")];
      case "italic":
        return [el("em")];
      case "underline":
        return [el("u")];
      case "strikethrough":
        return [el("s")];
      case "code": {
        const code = el("code", "inline-code");
        code.title = "Klik om te kopiëren (click to copy)";
        code.tabIndex = 0;
        const copy = () => copyText(column, covered);
        code.addEventListener("click", copy);
        code.addEventListener("keydown", (event) => {
          if (event.key === "Enter") copy();
        });
        return [code];
      }
      case "pre": {
        const pre = el("pre");
        const code = el("code");
        if (entity.language) code.dataset.language = entity.language;
        pre.append(code);
        return [pre, code];
      }
      case "blockquote":
        return [el("blockquote")];
      case "expandable_blockquote":
        return [el("blockquote", "expandable")];
      case "spoiler": {
        const spoiler = el("span", "spoiler");
        spoiler.tabIndex = 0;
        spoiler.setAttribute("role", "button");
        spoiler.setAttribute("aria-pressed", "false");
        spoiler.title = "Verborgen tekst: klik om te tonen (spoiler)";
        const reveal = () => {
          const open = spoiler.classList.toggle("revealed");
          spoiler.setAttribute("aria-pressed", String(open));
        };
        spoiler.addEventListener("click", reveal);
        spoiler.addEventListener("keydown", (event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            reveal();
          }
        });
        return [spoiler];
      }
      case "text_link":
      case "url":
      case "email": {
        const raw =
          entity.type === "text_link" ? entity.url : entity.type === "email" ? `mailto:${covered}` : covered;
        const href = safeUrl(/^[a-z][a-z0-9+.-]*:/i.test(raw || "") ? raw : `https://${raw}`);
        if (!href) return [el("span", "link-unsafe")];
        const link = el("a");
        link.href = href;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.title = href;
        return [link];
      }
      case "bot_command": {
        if (own) return [el("span", "command")];
        const command = el("button", "command");
        command.type = "button";
        command.title = `Stuur ${covered} (send this command)`;
        command.addEventListener("click", () => sendText(column, covered));
        return [command];
      }
      default: {
        const span = el("span", `entity-${String(entity.type).replace(/[^a-z_]/g, "")}`);
        return [span];
      }
    }
  }

  const BLOCKS = new Set(["pre", "blockquote", "expandable_blockquote"]);

  // Text between entities; a newline next to a block (quote, pre) is the block's own line break.
  function gap(text, afterBlock, beforeBlock) {
    let part = text;
    if (afterBlock && part.startsWith("\n")) part = part.slice(1);
    if (beforeBlock && part.endsWith("\n")) part = part.slice(0, -1);
    return part;
  }

  function appendTree(target, node, text, column, own) {
    let position = node.start;
    let afterBlock = false;
    for (const child of node.children) {
      const block = BLOCKS.has(child.entity.type);
      if (child.start > position) target.append(gap(text.slice(position, child.start), afterBlock, block));
      const [outer, inner] = entityElement(child.entity, text.slice(child.start, child.end), column, own);
      outer.dataset.entity = child.entity.type;
      appendTree(inner || outer, child, text, column, own);
      target.append(outer);
      position = child.end;
      afterBlock = block;
    }
    if (node.end > position) target.append(gap(text.slice(position, node.end), afterBlock, false));
  }

  // Telegram itself marks /commands and links in a bot's plain text; the stand-in does not,
  // so the page finds them where no entity covers the text yet.
  const DETECT = /(^|[\s(])(\/[A-Za-z0-9_]{1,32})(?=$|[\s.,;:!?)])|\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

  function detected(text, entities) {
    const taken = (entities || []).map((e) => [e.offset, e.offset + e.length]);
    const free = (start, end) => taken.every(([a, b]) => end <= a || start >= b);
    const found = [];
    for (const match of text.matchAll(DETECT)) {
      const [start, type] = match[2]
        ? [match.index + match[1].length, "bot_command"]
        : [match.index, "url"];
      const length = match[2] ? match[2].length : match[0].length;
      if (free(start, start + length)) found.push({ type, offset: start, length, detected: true });
    }
    return found;
  }

  function formatted(text, entities, column, own) {
    const all = own ? entities || [] : [...(entities || []), ...detected(text, entities)];
    const fragment = document.createDocumentFragment();
    appendTree(fragment, entityTree(text.length, all), text, column, own);
    return fragment;
  }

  // ---------------------------------------------------------------- messages
  // In the organisation's time zone (from the stand-in), as the bot writes times, not the
  // browser's own.
  function timeOf(message) {
    const date = new Date((message.edit_date || message.date) * 1000);
    return date.toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit", timeZone });
  }

  function sizeOf(bytes) {
    if (!Number.isFinite(bytes)) return "";
    return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} kB`;
  }

  // One line that stands for a message in a quote or the reply bar (plain text, never HTML).
  function snippetOf(message) {
    const words = (message.text ?? message.caption ?? "").replace(/\s+/g, " ").trim();
    const short = words.length > 120 ? `${words.slice(0, 119)}…` : words;
    if (message.photo) return short ? `📷 ${short}` : "📷 Foto";
    if (message.document) return `📄 ${message.document.file_name || "Bestand"}${short ? ` · ${short}` : ""}`;
    if (message.location) return "📍 Locatie";
    return short || "Bericht";
  }

  function senderOf(message) {
    return (message.from && message.from.first_name) || (message.from_bot ? "Bot" : "?");
  }

  // The message a reply quotes, as Telegram shows it at the top of the bubble; it takes you there.
  function renderQuote(column, quoted) {
    const quote = el("button", "reply-quote");
    quote.type = "button";
    quote.setAttribute("data-testid", "reply-quote");
    quote.dataset.replyTo = String(quoted.message_id);
    quote.title = "Naar het bericht waarop dit antwoordt (go to the quoted message)";
    const smallest = Array.isArray(quoted.photo) && quoted.photo[0];
    if (smallest && smallest.file_id) {
      const thumbnail = el("img", "reply-quote-photo");
      thumbnail.src = `/sandbox/files/${encodeURIComponent(smallest.file_id)}`;
      thumbnail.alt = "";
      quote.append(thumbnail);
    }
    const words = el("span", "reply-quote-words");
    words.append(
      el("span", "visually-hidden", "Antwoord op "),
      el("span", "reply-quote-name", senderOf(quoted)),
      el("span", "visually-hidden", ": "),
      el("span", "reply-quote-text", snippetOf(quoted)),
    );
    quote.append(words);
    quote.addEventListener("click", () => {
      const original = column.messages.get(quoted.message_id);
      if (!original) return showToast(column, "Dat bericht staat hier niet meer.", "error");
      original.scrollIntoView({ block: "center", behavior: "smooth" });
      original.classList.remove("flash");
      void original.offsetWidth; // restart the animation
      original.classList.add("flash");
    });
    return quote;
  }

  function renderMessage(column, message) {
    const own = !message.from_bot;
    const item = el("li", `msg ${own ? "from-me" : "from-bot"}`);
    item.setAttribute("data-testid", "message");
    item.dataset.messageId = String(message.message_id);
    item.dataset.from = own ? "person" : "bot";
    const row = el("div", "msg-row");
    const bubble = el("div", "bubble");
    row.append(bubble);
    item.append(row);
    if (message.deleted) {
      item.classList.add("deleted");
      item.dataset.deleted = "true";
      bubble.append(el("span", "deleted-note", "Bericht verwijderd door de bot (deleted)"));
      return item;
    }
    const action = el("button", "reply-action");
    action.type = "button";
    action.setAttribute("data-testid", "reply-action");
    action.title = "Antwoorden op dit bericht (reply)";
    const arrow = el("span", null, "↩");
    arrow.setAttribute("aria-hidden", "true");
    action.append(arrow, el("span", "visually-hidden", "Antwoorden op dit bericht"));
    action.addEventListener("click", () => setReply(column, message));
    row.append(action);
    if (message.reply_to_message) {
      item.dataset.replyTo = String(message.reply_to_message.message_id);
      bubble.append(renderQuote(column, message.reply_to_message));
    }
    if (message.photo_url) {
      const link = el("a", "photo-link");
      link.href = message.photo_url;
      link.target = "_blank";
      link.rel = "noopener";
      const image = el("img", "photo");
      image.src = message.photo_url;
      image.alt = message.caption ? `Foto: ${message.caption}` : "Foto";
      image.loading = "lazy";
      image.addEventListener("load", () => column.stickToBottom());
      link.append(image);
      bubble.append(link);
    }
    if (message.document) {
      const doc = el("div", "document");
      doc.setAttribute("data-testid", "document");
      const name = message.document.file_name || "";
      const extension = name.includes(".") ? name.split(".").pop().slice(0, 4).toUpperCase() : "";
      doc.append(el("span", "doc-icon", extension || "FILE"));
      const info = el("div", "doc-info");
      info.append(el("span", "doc-name", message.document.file_name || "bestand"));
      const line = el("span", "doc-size", sizeOf(message.document.file_size));
      if (message.document.file_id) {
        const download = el("a", "doc-download", "Downloaden");
        download.href = `/sandbox/files/${encodeURIComponent(message.document.file_id)}`;
        download.download = message.document.file_name || "bestand";
        line.append(" · ", download);
      }
      info.append(line);
      doc.append(info);
      bubble.append(doc);
    }
    if (message.location) {
      const { latitude, longitude } = message.location;
      const place = el("div", "location");
      place.setAttribute("data-testid", "location");
      const pin = el("span", "pin");
      pin.setAttribute("aria-hidden", "true");
      place.append(pin);
      place.append(
        el("span", "coords", `Locatie ${Number(latitude).toFixed(5)}, ${Number(longitude).toFixed(5)}`),
      );
      bubble.append(place);
    }
    const body = message.text ?? message.caption;
    if (body) {
      const text = el("div", "text");
      text.setAttribute("data-testid", "message-text");
      const entities = message.text != null ? message.entities : message.caption_entities;
      text.append(formatted(body, entities, column, own));
      bubble.append(text);
    }
    const meta = el("div", "meta");
    if (message.edit_date) {
      const edited = el("span", "edited", "bewerkt");
      edited.title = "De bot heeft dit bericht aangepast (edited)";
      meta.append(edited);
    }
    const time = el("time", null, timeOf(message));
    time.dateTime = new Date(message.date * 1000).toISOString();
    time.title = dayAndTime(new Date(message.date * 1000));
    meta.append(time);
    bubble.append(meta);
    const keyboard = message.reply_markup && message.reply_markup.inline_keyboard;
    if (keyboard && keyboard.length) item.append(renderInlineKeyboard(column, message, keyboard));
    return item;
  }

  function renderInlineKeyboard(column, message, rows) {
    const board = el("div", "inline-keyboard");
    board.setAttribute("data-testid", "inline-keyboard");
    board.setAttribute("role", "group");
    board.setAttribute("aria-label", "Knoppen bij dit bericht");
    for (const row of rows) {
      const line = el("div", "kb-row");
      for (const button of row) {
        let node;
        if (button.url) {
          const href = safeUrl(button.url);
          node = el(href ? "a" : "span", "kb-button link", `${button.text} ↗`);
          if (href) {
            node.href = href;
            node.target = "_blank";
            node.rel = "noopener noreferrer";
          }
        } else {
          node = el("button", "kb-button", button.text);
          node.type = "button";
          if (button.copy_text && typeof button.copy_text.text === "string") {
            node.title = "Kopieert tekst (copy text button)";
            node.addEventListener("click", () => copyText(column, button.copy_text.text));
          } else if (button.callback_data !== undefined) {
            node.dataset.callback = button.callback_data;
            node.addEventListener("click", () =>
              press(column, message.message_id, button.callback_data, node),
            );
          } else {
            node.disabled = true;
            node.title = "Dit soort knop kan de sandbox niet nadoen (not supported)";
          }
        }
        node.setAttribute("data-testid", "inline-button");
        line.append(node);
      }
      board.append(line);
    }
    return board;
  }

  // ---------------------------------------------------------------- one column per person
  function createColumn(person) {
    const fragment = document.getElementById("column-template").content.cloneNode(true);
    const section = fragment.querySelector("section");
    const column = {
      id: person.id,
      name: person.first_name,
      role: undefined,
      blocked: false,
      started: true, // set from the stand-in's state: false shows only the Start button
      section,
      list: $(section, "messages"),
      input: $(section, "message-input"),
      toastNode: $(section, "toast"),
      replyNode: $(section, "reply-keyboard"),
      keyboardToggle: $(section, "keyboard-toggle"),
      messages: new Map(),
      pending: new Map(),
      keyboard: null,
      keyboardOpen: true,
      data: new Map(), // message id -> the message as last shown (quotes follow its edits)
      replyTo: null, // the message the next text or photo answers
      replyBar: $(section, "reply-bar"),
      unread: 0,
      toastTimer: null,
      chip: null,
    };
    section.dataset.personId = String(person.id);
    section.setAttribute("aria-label", `Chat van ${person.first_name}`);
    $(section, "column-name").title = `Telegram-id ${person.id}`;
    $(section, "column-name").textContent = person.first_name;
    section.querySelector(".avatar").textContent = (person.first_name || "?").trim().charAt(0).toUpperCase();
    section.querySelector(".avatar").style.setProperty("--hue", String((person.id * 47) % 360));
    column.input.setAttribute("aria-label", `Bericht van ${person.first_name} aan de bot`);
    setRole(column, undefined);

    column.pinned = true; // following the newest message; scrolling up stops that
    column.stickToBottom = () => {
      column.list.scrollTop = column.list.scrollHeight;
    };
    column.list.addEventListener("scroll", () => {
      column.pinned = nearBottom(column);
    });
    // Columns change width when others come and go: text reflows, so keep the end in view.
    new ResizeObserver(() => {
      if (column.pinned) column.stickToBottom();
    }).observe(column.list);

    $(section, "composer").addEventListener("submit", (event) => {
      event.preventDefault();
      const text = column.input.value;
      if (!text.trim()) return;
      column.input.value = "";
      sendText(column, text, takeReply(column));
    });
    column.input.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && column.replyTo) {
        event.preventDefault();
        clearReply(column);
      }
    });
    $(section, "reply-cancel").addEventListener("click", () => {
      clearReply(column);
      column.input.focus();
    });
    $(section, "block-toggle").addEventListener("click", () => toggleBlocked(column));
    $(section, "start-button").addEventListener("click", () => {
      setStarted(column, true);
      sendText(column, "/start");
    });
    $(section, "hide-column").addEventListener("click", () => setHidden(column, true));

    const attachPanel = $(section, "attach-panel");
    const attachToggle = $(section, "attach-toggle");
    const commandsPanel = $(section, "commands-panel");
    const commandsToggle = $(section, "commands-toggle");
    const openPanel = (panel, toggle, open) => {
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
    };
    attachToggle.addEventListener("click", () => {
      openPanel(commandsPanel, commandsToggle, false);
      openPanel(attachPanel, attachToggle, attachPanel.hidden);
    });
    commandsToggle.addEventListener("click", async () => {
      openPanel(attachPanel, attachToggle, false);
      if (!commandsPanel.hidden) return openPanel(commandsPanel, commandsToggle, false);
      await fillCommands(column, commandsPanel, () => openPanel(commandsPanel, commandsToggle, false));
      openPanel(commandsPanel, commandsToggle, true);
    });
    const photoInput = $(section, "photo-input");
    $(section, "send-photo").addEventListener("click", () => photoInput.click());
    photoInput.addEventListener("change", () => {
      const file = photoInput.files && photoInput.files[0];
      photoInput.value = "";
      openPanel(attachPanel, attachToggle, false);
      if (file) sendFile(column, "photo", file, takeReply(column));
    });
    const documentInput = $(section, "document-input");
    $(section, "send-document").addEventListener("click", () => documentInput.click());
    documentInput.addEventListener("change", () => {
      const file = documentInput.files && documentInput.files[0];
      documentInput.value = "";
      openPanel(attachPanel, attachToggle, false);
      if (file) sendFile(column, "document", file, takeReply(column));
    });
    $(section, "send-location").addEventListener("click", () => {
      openPanel(attachPanel, attachToggle, false);
      sendLocation(column, DEMO_LOCATION, takeReply(column));
    });
    $(section, "send-geolocation").addEventListener("click", () => {
      openPanel(attachPanel, attachToggle, false);
      if (!navigator.geolocation) return showToast(column, "Deze browser geeft geen locatie.", "error");
      navigator.geolocation.getCurrentPosition(
        (position) => sendLocation(column, position.coords, takeReply(column)),
        () => showToast(column, "Geen locatie beschikbaar; gebruik de demolocatie.", "error"),
        { timeout: 10000, maximumAge: 60000 },
      );
    });
    column.keyboardToggle.addEventListener("click", () => {
      column.keyboardOpen = !column.keyboardOpen;
      renderReplyKeyboard(column);
    });

    // The chip in the bar above: shows or hides this column, counts unread bot messages.
    const chip = el("li");
    const chipButton = el("button", "chip");
    chipButton.type = "button";
    chipButton.setAttribute("data-testid", "column-toggle");
    chipButton.dataset.personId = String(person.id);
    const dot = el("span", "dot");
    dot.setAttribute("aria-hidden", "true");
    chipButton.append(dot, el("span", "chip-name", person.first_name), el("span", "badge"));
    chipButton.addEventListener("click", () => setHidden(column, !hidden.has(column.id)));
    chip.append(chipButton);
    column.chip = chipButton;
    document.querySelector('[data-testid="column-toggles"]').append(chip);

    document.getElementById("columns").append(section);
    columns.set(person.id, column);
    // The demo's extra people (their chip shows them) start hidden, until someone chooses.
    setHidden(column, storedHidden === null ? Boolean(person.extra) : hidden.has(person.id));
    updateEmpty(column);
    return column;
  }

  function ensureColumn(person) {
    return columns.get(person.id) || createColumn(person);
  }

  // role: a role key, null when the bot does not know the person, undefined while unknown here.
  function setRole(column, role) {
    column.role = role;
    const label = role ? ROLE_LABELS[role] || role : role === null ? NO_ACCOUNT : "…";
    const node = $(column.section, "column-role");
    node.textContent = label;
    node.title = `${label} · Telegram-id ${column.id}`;
    column.section.dataset.role = role || (role === null ? "none" : "unknown");
  }

  function setHidden(column, hide) {
    if (hide) hidden.add(column.id);
    else hidden.delete(column.id);
    saveHidden();
    column.section.hidden = hide;
    column.chip.setAttribute("aria-pressed", String(!hide));
    column.chip.title = `${hide ? "Toon" : "Verberg"} ${column.name}`;
    if (!hide) {
      column.unread = 0;
      updateBadge(column);
      column.stickToBottom();
    }
    document.body.classList.toggle("all-hidden", [...columns.values()].every((c) => c.section.hidden));
  }

  function updateBadge(column) {
    const badge = column.chip.querySelector(".badge");
    badge.textContent = column.unread ? String(column.unread) : "";
    badge.hidden = !column.unread;
    if (column.unread) badge.setAttribute("aria-label", `${column.unread} nieuw`);
  }

  function setBlocked(column, blocked) {
    column.blocked = blocked;
    const button = $(column.section, "block-toggle");
    button.setAttribute("aria-pressed", String(blocked));
    button.textContent = blocked ? "Deblokkeer bot" : "Blokkeer bot";
    $(column.section, "blocked-banner").hidden = !blocked;
    column.section.classList.toggle("blocked", blocked);
  }

  // Telegram shows someone who never started the bot only a START button (which sends
  // /start): no input, no menu, no attachments. The stand-in would refuse the bot's answers.
  function setStarted(column, started) {
    column.started = started;
    $(column.section, "start-bar").hidden = started;
    $(column.section, "composer").hidden = !started;
    if (!started) {
      for (const panel of ["attach-panel", "commands-panel", "reply-keyboard", "reply-bar"]) {
        $(column.section, panel).hidden = true;
      }
    }
    updateEmpty(column);
  }

  function updateEmpty(column) {
    let note = column.section.querySelector(".empty-note");
    const empty = column.messages.size === 0;
    if (empty) {
      if (!note) {
        note = el("li", "empty-note");
        note.setAttribute("data-testid", "empty-note");
        column.list.append(note);
      }
      if (!column.started) {
        note.replaceChildren("Nog geen berichten. Druk op Start om met de bot te beginnen.");
      } else {
        note.replaceChildren(
          "Nog geen berichten. Typ ",
          el("code", null, "/start"),
          column.role === null
            ? " met de code van een coördinator (die maakt er een met /uitnodigen)."
            : " of open het menu ☰ met de opdrachten van de bot.",
        );
      }
    } else if (note) {
      note.remove();
    }
  }

  function nearBottom(column) {
    const list = column.list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  }

  function upsertMessage(column, message, changed = false) {
    const follow = column.pinned || nearBottom(column) || !message.from_bot;
    const node = renderMessage(column, message);
    const existing = column.messages.get(message.message_id);
    if (existing) {
      existing.replaceWith(node);
      if (changed) node.classList.add("flash"); // edited or deleted just now
    } else {
      let before = null;
      for (const [id, other] of column.messages) {
        if (id > message.message_id && (!before || Number(before.dataset.messageId) > id)) before = other;
      }
      column.list.insertBefore(node, before);
    }
    column.messages.set(message.message_id, node);
    column.data.set(message.message_id, message);
    if (changed) refreshQuotes(column, message);
    updateEmpty(column);
    if (follow) column.stickToBottom();
    return !existing;
  }

  // Replies show the message they quote as it is now: edited, or gone when deleted.
  function refreshQuotes(column, quoted) {
    for (const [id, reply] of column.data) {
      if (!reply.reply_to_message || reply.reply_to_message.message_id !== quoted.message_id) continue;
      const updated = { ...reply };
      if (quoted.deleted) delete updated.reply_to_message;
      else updated.reply_to_message = quoted;
      const node = renderMessage(column, updated);
      column.messages.get(id).replaceWith(node);
      column.messages.set(id, node);
      column.data.set(id, updated);
    }
    if (column.replyTo && column.replyTo.message_id === quoted.message_id) {
      if (quoted.deleted) clearReply(column);
      else setReply(column, quoted, false);
    }
  }

  // ---------------------------------------------------------------- replying (Telegram's Reply)
  function setReply(column, message, focus = true) {
    column.replyTo = message;
    $(column.replyBar, "reply-bar-title").textContent = `Antwoord op ${senderOf(message)}`;
    $(column.replyBar, "reply-bar-text").textContent = snippetOf(message);
    column.replyBar.hidden = false;
    for (const node of column.list.querySelectorAll(".replying")) node.classList.remove("replying");
    const node = column.messages.get(message.message_id);
    if (node) node.classList.add("replying");
    if (focus) column.input.focus();
  }

  function clearReply(column) {
    column.replyTo = null;
    column.replyBar.hidden = true;
    for (const node of column.list.querySelectorAll(".replying")) node.classList.remove("replying");
  }

  // The message being answered, for one send; the bar closes (and comes back if sending fails).
  function takeReply(column) {
    const message = column.replyTo;
    if (message) clearReply(column);
    return message;
  }

  function restoreReply(column, message) {
    if (message && !column.replyTo) setReply(column, message);
  }

  // ---------------------------------------------------------------- reply keyboard
  function applyReplyKeyboard(column, message) {
    if (!message.from_bot || !("reply_keyboard" in message)) return;
    const keyboard = message.reply_keyboard;
    const same = JSON.stringify(keyboard) === JSON.stringify(column.keyboard);
    column.keyboard = keyboard && Array.isArray(keyboard.keyboard) ? keyboard : null;
    if (!same) column.keyboardOpen = true;
    renderReplyKeyboard(column);
  }

  function renderReplyKeyboard(column) {
    const node = column.replyNode;
    node.replaceChildren();
    const keyboard = column.keyboard;
    column.keyboardToggle.hidden = !keyboard;
    column.keyboardToggle.setAttribute("aria-expanded", String(Boolean(keyboard && column.keyboardOpen)));
    column.input.placeholder = (keyboard && keyboard.input_field_placeholder) || "Bericht…";
    node.hidden = !keyboard || !column.keyboardOpen;
    if (!keyboard) return;
    node.setAttribute("role", "group");
    node.setAttribute("aria-label", "Antwoordknoppen (reply keyboard)");
    for (const row of keyboard.keyboard) {
      const line = el("div", "kb-row");
      for (const button of row) {
        const text = typeof button === "string" ? button : button.text;
        const node2 = el("button", "kb-button reply", text);
        node2.type = "button";
        node2.setAttribute("data-testid", "reply-button");
        node2.addEventListener("click", () => {
          if (keyboard.one_time_keyboard) {
            column.keyboardOpen = false;
            renderReplyKeyboard(column);
          }
          sendText(column, text);
        });
        line.append(node2);
      }
      node.append(line);
    }
    column.stickToBottom();
  }

  // ---------------------------------------------------------------- commands menu
  async function fillCommands(column, panel, close) {
    panel.replaceChildren(el("p", "panel-note", "Opdrachten laden…"));
    let commands = [];
    try {
      commands = (await api("GET", `/sandbox/people/${column.id}/commands`)).commands;
    } catch (error) {
      panel.replaceChildren(el("p", "panel-note", `Kon de opdrachten niet laden: ${error.message}`));
      return;
    }
    panel.replaceChildren();
    if (!commands.length) panel.append(el("p", "panel-note", "De bot heeft geen opdrachten ingesteld."));
    for (const command of commands) {
      const button = el("button", "command-item");
      button.type = "button";
      button.setAttribute("data-testid", "command-item");
      button.append(el("span", "command-name", `/${command.command}`), el("span", "command-desc", command.description));
      button.addEventListener("click", () => {
        close();
        sendText(column, `/${command.command}`);
      });
      panel.append(button);
    }
  }

  // What the person typed as Telegram sends it: the text without the marks, and entities whose
  // offsets count UTF-16 units (as JavaScript strings do).
  function markdown(input) {
    let text = "";
    const entities = [];
    let at = 0;
    while (at < input.length) {
      const link = LINK.exec(input.slice(at));
      if (link) {
        entities.push({ type: "text_link", offset: text.length, length: link[1].length, url: link[2] });
        text += link[1];
        at += link[0].length;
        continue;
      }
      const mark = MARKS.find(([sign]) => input.startsWith(sign, at));
      const end = mark ? input.indexOf(mark[0], at + mark[0].length) : -1;
      if (mark && end > at + mark[0].length) {
        const inner = input.slice(at + mark[0].length, end);
        entities.push({ type: mark[1], offset: text.length, length: inner.length });
        text += inner;
        at = end + mark[0].length;
        continue;
      }
      text += input[at];
      at += 1;
    }
    return { text, entities };
  }

  // ---------------------------------------------------------------- acting as the person
  // replyTo: the message this one answers (a Telegram reply), or null.
  async function sendText(column, typed, replyTo = null) {
    const { text, entities } = markdown(typed);
    const body = { text };
    if (entities.length) body.entities = entities;
    if (replyTo) body.reply_to_message_id = replyTo.message_id;
    try {
      const message = await api("POST", `/sandbox/people/${column.id}/messages`, body);
      upsertMessage(column, message);
    } catch (error) {
      column.input.value = column.input.value || typed;
      restoreReply(column, replyTo);
      showToast(column, `Niet verstuurd: ${error.message}`, "error");
    }
  }

  // A photo, or a file (an agenda as PDF): the text in the input goes along as the caption, as
  // in Telegram's attach dialog.
  const UPLOADS = {
    photo: { path: "photos", name: "foto.jpg", failed: "Foto niet verstuurd" },
    document: { path: "documents", name: "bestand.pdf", failed: "Bestand niet verstuurd" },
  };

  async function sendFile(column, kind, file, replyTo = null) {
    const upload = UPLOADS[kind];
    const form = new FormData();
    form.append(kind, file, file.name || upload.name);
    const caption = column.input.value.trim();
    if (caption) {
      form.append("caption", caption);
      column.input.value = "";
    }
    if (replyTo) form.append("reply_to_message_id", String(replyTo.message_id));
    try {
      upsertMessage(column, await api("POST", `/sandbox/people/${column.id}/${upload.path}`, form));
    } catch (error) {
      column.input.value = column.input.value || caption;
      restoreReply(column, replyTo);
      showToast(column, `${upload.failed}: ${error.message}`, "error");
    }
  }

  async function sendLocation(column, coords, replyTo = null) {
    const body = { latitude: coords.latitude, longitude: coords.longitude };
    if (replyTo) body.reply_to_message_id = replyTo.message_id;
    try {
      upsertMessage(column, await api("POST", `/sandbox/people/${column.id}/messages`, body));
    } catch (error) {
      restoreReply(column, replyTo);
      showToast(column, `Locatie niet verstuurd: ${error.message}`, "error");
    }
  }

  async function press(column, messageId, data, button) {
    button.classList.add("pending");
    button.setAttribute("aria-busy", "true");
    clearPending(column, messageId);
    const timer = setTimeout(() => clearPending(column, messageId), PENDING_MS);
    column.pending.set(messageId, { button, timer });
    try {
      await api("POST", `/sandbox/people/${column.id}/press`, { message_id: messageId, data });
    } catch (error) {
      clearPending(column, messageId);
      showToast(column, `Knop werkt niet: ${error.message}`, "error");
    }
  }

  function clearPending(column, messageId) {
    const pending = column.pending.get(messageId);
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.button.classList.remove("pending");
    pending.button.removeAttribute("aria-busy");
    column.pending.delete(messageId);
  }

  async function toggleBlocked(column) {
    const blocked = !column.blocked;
    try {
      await api("POST", `/sandbox/people/${column.id}/blocked`, { blocked });
      setBlocked(column, blocked);
    } catch (error) {
      showToast(column, `Lukt niet: ${error.message}`, "error");
    }
  }

  async function copyText(column, text) {
    try {
      await navigator.clipboard.writeText(text);
      showToast(column, `Gekopieerd: ${text}`);
    } catch {
      showToast(column, `Kopiëren lukt niet; selecteer de tekst zelf.`, "error");
    }
  }

  function showToast(column, text, kind) {
    const node = column.toastNode;
    node.textContent = text;
    node.dataset.kind = kind || "info";
    node.hidden = false;
    node.classList.remove("fade");
    clearTimeout(column.toastTimer);
    column.toastTimer = setTimeout(() => {
      node.classList.add("fade");
      column.toastTimer = setTimeout(() => {
        node.hidden = true;
      }, 300);
    }, TOAST_MS);
  }

  // ---------------------------------------------------------------- roles (labels only)
  function refreshRolesSoon() {
    clearTimeout(rolesTimer);
    rolesTimer = setTimeout(refreshRoles, 600);
  }

  async function refreshRoles() {
    try {
      const { roles } = await api("GET", "/sandbox/roles");
      for (const column of columns.values()) {
        const role = roles[String(column.id)] || null;
        if (role !== column.role) setRole(column, role);
        updateEmpty(column);
      }
    } catch {
      /* labels only: try again with the next change */
    }
  }

  // ---------------------------------------------------------------- the sandbox's clock
  // The stand-in's time (and the bot's) may run ahead of the real one: a person moved it
  // forward to see what is due later. Kept as an offset and shown in the organisation's time.
  let clockAhead = 0;

  function dayAndTime(date) {
    return date.toLocaleString("nl-NL", {
      weekday: "short", day: "2-digit", month: "2-digit", year: "numeric",
      hour: "2-digit", minute: "2-digit", timeZone,
    });
  }

  function showClock() {
    const node = $(document, "clock-now");
    const now = new Date(Date.now() + clockAhead);
    node.textContent = dayAndTime(now);
    node.dateTime = now.toISOString();
  }

  function setClock(iso) {
    clockAhead = Date.parse(iso) - Date.now();
    showClock();
  }

  // What the bot's tick did right after the move (null: the stand-in runs without the bot).
  function tickSummary(tick) {
    if (!tick) return "Klok verzet.";
    let text = `Klok verzet: ${tick.fired} ${tick.fired === 1 ? "herinnering of melding" : "herinneringen of meldingen"} verstuurd`;
    if (tick.waiting) text += `; ${tick.waiting} ${tick.waiting === 1 ? "wacht" : "wachten"} tot later (zoals na de stille uren)`;
    return `${text}.`;
  }

  function setupClock() {
    const buttons = [...document.querySelectorAll(".clock-step")];
    const status = $(document, "clock-status");
    for (const button of buttons) {
      button.addEventListener("click", async () => {
        buttons.forEach((b) => { b.disabled = true; });
        status.textContent = "Klok verzetten…";
        try {
          const moved = await api("POST", "/sandbox/clock", { step: button.dataset.step });
          setClock(moved.now);
          status.textContent = tickSummary(moved.tick);
        } catch (error) {
          status.textContent = `Klok verzetten lukt niet: ${error.message}`;
        } finally {
          buttons.forEach((b) => { b.disabled = false; });
        }
      });
    }
    setInterval(showClock, CLOCK_REFRESH_MS);
  }

  // ---------------------------------------------------------------- events from the stand-in
  function handleEvent(event) {
    if (event.kind === "clock") {
      setClock(event.now);
      return;
    }
    if (event.kind === "person") {
      const column = ensureColumn(event.person);
      if (event.person.started === false) setStarted(column, false);
      refreshRolesSoon();
      return;
    }
    const column = columns.get(event.person_id ?? event.chat_id);
    if (!column) return;
    switch (event.kind) {
      case "message": {
        const isNew = upsertMessage(column, event.message);
        applyReplyKeyboard(column, event.message);
        if (isNew && event.message.from_bot && column.section.hidden) {
          column.unread += 1;
          updateBadge(column);
        }
        if (event.message.from_bot) refreshRolesSoon();
        break;
      }
      case "edit":
        upsertMessage(column, event.message, true);
        applyReplyKeyboard(column, event.message);
        break;
      case "delete":
        upsertMessage(column, { ...event.message, deleted: true }, true);
        break;
      case "toast":
        clearPending(column, event.message_id);
        if (event.text) showToast(column, event.text);
        break;
      case "blocked":
        setBlocked(column, Boolean(event.blocked));
        break;
      case "started":
        setStarted(column, true);
        break;
      default:
        break;
    }
  }

  async function loadState() {
    const state = await api("GET", "/sandbox/state");
    for (const column of columns.values()) {
      column.section.remove();
      column.chip.parentElement.remove();
    }
    columns.clear();
    document.title = `Voelspriet sandbox – @${state.bot.username}`;
    timeZone = state.timezone || "Europe/Amsterdam";
    setClock(state.clock.now);
    for (const person of state.people) {
      const column = createColumn(person);
      setBlocked(column, Boolean(person.blocked));
      setStarted(column, person.started !== false);
      for (const message of state.chats[String(person.id)] || []) upsertMessage(column, message);
      const last = (state.chats[String(person.id)] || []).filter((m) => m.from_bot).pop();
      if (last) applyReplyKeyboard(column, last);
      column.stickToBottom();
    }
    seq = state.seq;
    await refreshRoles();
  }

  async function poll() {
    for (;;) {
      try {
        const response = await fetch(`/sandbox/events?after=${seq}&timeout=25`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = await response.json();
        setConnection("online", "Verbonden (connected)");
        if (body.seq < seq) {
          // The stand-in restarted: its world is new, so start over from its state.
          await loadState();
          continue;
        }
        for (const event of body.events) {
          try {
            handleEvent(event);
          } catch (error) {
            console.error("event", event, error);
          }
        }
        seq = Math.max(seq, body.seq);
      } catch (error) {
        setConnection("offline", "Geen verbinding: opnieuw proberen… (reconnecting)");
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }

  // ---------------------------------------------------------------- adding a persona
  function setupForm() {
    const form = document.getElementById("add-persona");
    const hint = $(document, "persona-hint");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const name = form.elements.first_name.value.trim();
      const role = form.elements.role.value;
      if (!name) return;
      const submit = $(form, "persona-add");
      submit.disabled = true;
      try {
        let person;
        if (role === "none") {
          person = await api("POST", "/sandbox/people", { first_name: name, language_code: "nl" });
        } else {
          person = await api("POST", "/sandbox/personas", { first_name: name, role, language_code: "nl" });
        }
        const column = ensureColumn(person);
        setHidden(column, false);
        if (role === "none") {
          setRole(column, null);
          setStarted(column, false); // as in Telegram: only the Start button, until pressed
        }
        form.elements.first_name.value = "";
        column.section.scrollIntoView({ behavior: "smooth", inline: "end", block: "nearest" });
        (role === "none" ? $(column.section, "start-button") : column.input).focus();
        hint.textContent =
          role === "none"
            ? `${person.first_name} is toegevoegd zonder account: druk op Start en typ dan /start met een code van een coördinator.`
            : `${person.first_name} is toegevoegd als ${ROLE_LABELS[role]} en meldt zich aan (code ${person.code}).`;
      } catch (error) {
        hint.textContent = `Toevoegen lukt niet: ${error.message}`;
      } finally {
        submit.disabled = false;
      }
    });
  }

  async function start() {
    setupForm();
    setupClock();
    for (;;) {
      try {
        await loadState();
        setConnection("online", "Verbonden (connected)");
        break;
      } catch {
        setConnection("offline", "Geen verbinding: opnieuw proberen… (reconnecting)");
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
    await poll();
  }

  start();
})();
