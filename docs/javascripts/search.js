/*
 * The anthology's search: the header box of Material's theme over a Pagefind index.
 *
 * Pagefind splits the index into chunks and the browser fetches only those a query
 * needs (a few tens of KB), where Material's search fetched every page's text on every
 * first visit. The engine starts once the page is loaded and idle (unless the browser
 * asks to save data); no chunk of the index is fetched until she searches. Every URL is
 * taken relative to the site's own root (Material's __config "base"), so the site works
 * under a sub-path (/REPO/) and from a copy served anywhere; nothing leaves the origin.
 *
 * Keys, as in Material: "/", "s" or "f" open the search; arrow keys move through the
 * results; Enter opens one; Escape closes.
 *
 * What a reader waits for on a slow phone is the engine's cold start (its module, worker
 * and WebAssembly): it starts when the page is idle, or sooner if she reaches for the
 * box (pointer or touch on it), and each result is shown as soon as its own fragment is
 * in, in order, instead of after all ten (bench/search.py measures it).
 */
(() => {
  "use strict";

  const PAGE = 10;
  const DEBOUNCE = 120;
  const toggle = document.getElementById("__search");
  const dialog = document.querySelector("[data-anthology-search]");
  if (!toggle || !dialog) return;
  const form = dialog.querySelector("form");
  const input = dialog.querySelector("[data-anthology-search-query]");
  const meta = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const more = dialog.querySelector("[data-anthology-search-more]");
  const filterBox = dialog.querySelector("[data-anthology-search-filters]");
  const selects = [...dialog.querySelectorAll("[data-anthology-filter]")];
  const placeholder = meta.textContent.trim();

  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const root = new URL((config.base || ".") + "/", location.href);

  let engine = null;
  let results = [];
  let shown = 0;
  let generation = 0;

  /* Files the engine asks for one after another (the module, then its worker, then the
     index's entry, then the WebAssembly): the two whose names are fixed are fetched beside
     the module, so the worker finds them in the HTTP cache. The language is the one
     builder/mkdocs/search.py forces (LANGUAGE). */
  const EARLY = ["pagefind-worker.js", "wasm.en.pagefind"];
  const OPTIONS = { baseUrl: root.pathname, excerptLength: 24 };
  const liveList = dialog.dataset.anthologyLiveSearch;

  function load() {
    if (!engine) {
      for (const file of EARLY) fetch(new URL(`pagefind/${file}`, root)).catch(() => {});
      engine = import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
        if (liveList) return servedEngine(pagefind, new URL(liveList, root));
        await pagefind.options(OPTIONS);
        await pagefind.init();
        return pagefind;
      });
      engine.catch(() => {
        engine = null;
        meta.textContent =
          location.protocol === "file:"
            ? "Search needs the site served over HTTP (python3 -m http.server in site/)."
            : "Search is not available: its index did not load.";
      });
    }
    return engine;
  }

  /* While `mkdocs serve` runs (the dialog names the live list; a built site's does not):
     the main index, rewritten from scratch in the background after each save, and beside
     it the live one, of the pages saved since the main one was begun (written a moment
     after the save; builder/mkdocs/search.py, ServedIndex). Each search first reads the
     live list again (one small file, never cached): a page already open finds an edit
     too. The list names the main index it was written against: when that changes, the
     main index is loaded again; and the ids of the saved pages' old versions in it,
     whose results are dropped, so the live version wins. Both are searched as one, as
     Pagefind's own mergeIndex does (results by score), but each is a separate instance,
     which mergeIndex is not: a live index replaced by the next save is let go. */
  function servedEngine(pagefind, listUrl) {
    let list = null;
    let listed = null;
    let main = null;
    let live = null;

    /* An instance, once its WebAssembly is in. The instances of a page share one
       WebAssembly module, which the first to load it sets up (Pagefind's glue keeps it
       in one variable): two loading it at once would each set it up, and the index
       of the first would point into memory the second replaced. So they are made one
       after another, each waited for until it can search (an empty search answers
       then). */
    async function instance(path) {
      const made = pagefind.createInstance({ basePath: path });
      await made.options(OPTIONS);
      await made.init();
      await made.search("");
      return made;
    }

    async function read() {
      try {
        const answer = await fetch(listUrl, { cache: "no-store" });
        return answer.ok ? await answer.text() : "";
      } catch {
        return "";
      }
    }

    /* Read the list; load the instances it calls for. ``again``: the main index is
       loaded again whatever the list says (a search of it failed: swapped meanwhile). */
    async function refresh(again = false) {
      const text = await read();
      if (text === listed && main && !again) return;
      let next = {};
      try {
        next = text ? JSON.parse(text) : {};
      } catch {
        next = {};
      }
      /* The new instance first, then the old one let go: the instances share one
         worker, which Pagefind ends when none is left. */
      if (!main || again || (next.main ?? null) !== (list?.main ?? null)) {
        const old = main;
        main = await instance(new URL("pagefind/", root).pathname);
        old?.destroy();
      }
      if ((next.bundle ?? null) !== (list?.bundle ?? null)) {
        const old = live;
        live = next.bundle
          ? await instance(new URL(next.bundle, new URL(".", listUrl)).pathname).catch(() => null)
          : null;
        old?.destroy();
      }
      if (next.bundle && !live) {
        /* The live index did not load: the main one's results as they are, and the
           next search tries again. */
        list = { ...next, bundle: null, stale: [], filters: {} };
        listed = null;
        return;
      }
      list = next;
      listed = text;
    }

    /* Refreshes run one after another; a search waits for one begun after it asked. */
    let chain = Promise.resolve();
    let queued = null;
    function ready(again = false) {
      if (queued && !again) return queued;
      const next = chain
        .catch(() => {})
        .then(() => {
          if (queued === next) queued = null;
          return refresh(again);
        });
      chain = next;
      if (!again) queued = next;
      return next;
    }

    /* ``call`` on both instances. A failed call of the main one is tried once more
       with it loaded again: the index it had loaded was swapped for a new one. A
       preload (each keystroke) reads no list: the search that follows does. */
    async function both(call, search = true) {
      if (search || !main) await ready();
      let first;
      try {
        first = await call(main);
      } catch (error) {
        if (!search) throw error;
        await ready(true);
        first = await call(main);
      }
      const second = live ? await call(live).catch(() => null) : null;
      return [first, second];
    }

    ready().catch(() => {}); // when the page is idle, as the built site's engine starts
    return {
      async search(query, options) {
        let [found, saved] = [null, null];
        for (let tries = 0; tries < 2; tries++) {
          const seen = listed;
          [found, saved] = await both((part) => part.search(query, options));
          /* Pagefind leaves out a chunk it could not load (the index it loaded was just
             swapped for a new one, whose list follows): searched again if so. */
          await ready();
          if (listed === seen) break;
        }
        const stale = new Set(list.stale || []);
        const results = found.results.filter((result) => !stale.has(result.id));
        results.push(...(saved?.results || []));
        results.sort((a, b) => b.score - a.score);
        return { ...found, results };
      },
      async filters() {
        const [counts, saved] = await both((part) => part.filters());
        const merged = {};
        for (const [sign, part] of [[1, counts], [1, saved], [-1, list.filters]]) {
          for (const [name, values] of Object.entries(part || {})) {
            const into = (merged[name] ??= {});
            for (const [value, n] of Object.entries(values)) into[value] = (into[value] || 0) + sign * n;
          }
        }
        for (const values of Object.values(merged)) {
          for (const [value, n] of Object.entries(values)) if (n <= 0) delete values[value];
        }
        return merged;
      },
      async preload(query, options) {
        await both((part) => part.preload(query, options), false);
      },
    };
  }

  function filters() {
    const chosen = {};
    for (const select of selects) {
      if (select.value) chosen[select.dataset.anthologyFilter] = select.value;
    }
    return chosen;
  }

  async function fillFilters() {
    if (selects[0].options.length > 1) return;
    const pagefind = await load();
    const available = await pagefind.filters();
    for (const select of selects) {
      const counts = available[select.dataset.anthologyFilter] || {};
      const names = Object.keys(counts).sort((a, b) => a.localeCompare(b));
      for (const name of names) {
        const option = document.createElement("option");
        option.value = name;
        option.textContent = `${name} (${counts[name]})`;
        select.append(option);
      }
    }
  }

  function plural(n) {
    return n === 1 ? "1 matching dancer" : `${n.toLocaleString("en")} matching dancers`;
  }

  async function run() {
    const query = input.value.trim();
    const chosen = filters();
    const mine = ++generation;
    if (!query && !Object.keys(chosen).length) {
      results = [];
      list.replaceChildren();
      delete list.dataset.query;
      delete list.dataset.filters;
      more.hidden = true;
      meta.textContent = placeholder;
      return;
    }
    const pagefind = await load();
    const search = await pagefind.search(query || null, { filters: chosen });
    if (mine !== generation || !search) return;
    results = search.results;
    shown = 0;
    list.replaceChildren();
    meta.textContent = results.length ? plural(results.length) : "No matching dancers";
    await showMore(mine);
    if (mine === generation) {
      // What the list shows, for tests: its words and filters.
      list.dataset.query = query;
      list.dataset.filters = JSON.stringify(chosen);
    }
  }

  /* The next ten results: every fragment is asked for at once, and each result shows
     as soon as it and those above it are in, so the first does not wait for the tenth. */
  async function showMore(mine) {
    const batch = results.slice(shown, shown + PAGE);
    const pending = batch.map((result) => result.data());
    more.hidden = true;
    for (const data of pending) {
      const item = await data;
      if (mine !== generation) return;
      list.append(render(item));
    }
    shown += batch.length;
    more.hidden = shown >= results.length;
  }

  function text(tag, value, className) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    node.textContent = value;
    return node;
  }

  /* Material's result markup: a link around an article with an h1, then the facts of
     the dancer and Pagefind's excerpt (HTML-escaped by Pagefind, with <mark>s). */
  function render(item) {
    const entry = document.createElement("li");
    entry.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = item.url;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    article.append(icon, text("h1", item.meta.title || item.url));
    const facts = [item.meta.company, item.meta.role, item.meta.origin].filter(Boolean);
    if (facts.length) article.append(text("p", facts.join(" · "), "anthology-result__facts"));
    const excerpt = document.createElement("p");
    excerpt.innerHTML = item.excerpt;
    article.append(excerpt);
    link.append(article);
    entry.append(link);
    return entry;
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
    input.select();
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    input.blur();
  }

  function links() {
    return [...list.querySelectorAll(".md-search-result__link")];
  }

  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      load();
      setTimeout(() => input.focus(), 0);
    }
  });
  input.addEventListener("focus", () => {
    load();
    if (!toggle.checked) open();
  });
  /* The engine starts loading when the reader reaches for the search (a pointer over
     the box or the header's button, a touch), before the focus, if the page's idle
     moment has not started it yet. */
  const reach = () => load().catch(() => {}); // said in the result list by load()
  for (const target of [form, document.querySelector(".md-header label[for='__search']")]) {
    for (const type of ["pointerenter", "pointerdown", "touchstart"]) {
      target?.addEventListener(type, reach, { once: true, passive: true });
    }
  }
  /* A reader who lands on a page often searches next, and on a slow phone the engine's
     cold start is most of her wait: once the page has loaded and its own scripts are
     done, the engine starts (about 150 KB, once: the other pages take it from the
     browser's cache), unless she has asked her browser to save data. The index's chunks
     are still fetched only for the words she searches. */
  const warm = () => {
    if (navigator.connection?.saveData) return;
    const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 0));
    idle(reach, { timeout: 1000 });
  };
  if (document.readyState === "complete") warm();
  else addEventListener("load", warm, { once: true });
  /* Each keystroke fetches the index chunks the words need; the search itself waits
     until typing pauses, so "Kat", "Kath"... do not each fetch ten results. Words that
     arrive at once (pasted, completed, dictated) are searched at once. */
  let pause = 0;
  input.addEventListener("input", (event) => {
    const query = input.value.trim();
    if (query) {
      load()
        .then((pagefind) => pagefind.preload(query, { filters: filters() }))
        .catch(() => {}); // said in the result list by load()
    }
    clearTimeout(pause);
    const typed = event.inputType === "insertText" && (event.data || "").length === 1;
    pause = setTimeout(() => run().catch(() => {}), typed || !query ? DEBOUNCE : 0);
  });
  for (const select of selects) select.addEventListener("change", () => run().catch(() => {}));
  filterBox.addEventListener("toggle", () => {
    if (filterBox.open) fillFilters().catch(() => {});
  });
  more.addEventListener("click", () => showMore(generation).catch(() => {}));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => {
      run().catch(() => {});
      input.focus();
    }, 0);
  });
  list.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("a")) toggle.checked = false;
  });

  function typing(element) {
    return (
      element instanceof HTMLElement &&
      (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName))
    );
  }

  window.addEventListener(
    "keydown",
    (event) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const active = document.activeElement;
      if (!toggle.checked) {
        if (["/", "s", "f"].includes(event.key) && !typing(active)) {
          event.preventDefault();
          event.stopPropagation();
          open();
        }
        return;
      }
      const targets = links();
      switch (event.key) {
        case "Escape":
          event.preventDefault();
          close();
          break;
        case "Enter":
          if (active === input) {
            event.preventDefault();
            // The results of what was typed, not of its start before a pause.
            const current = list.dataset.query === input.value.trim();
            (current ? Promise.resolve() : (clearTimeout(pause), run()))
              .then(() => links()[0]?.click())
              .catch(() => {});
          }
          break;
        case "ArrowDown":
        case "ArrowUp": {
          if (active instanceof HTMLSelectElement) return;
          event.preventDefault();
          event.stopPropagation();
          const order = [input, ...targets];
          const here = Math.max(0, order.indexOf(active));
          const step = event.key === "ArrowDown" ? 1 : -1;
          order[(here + step + order.length) % order.length].focus();
          break;
        }
        default:
          if (targets.includes(active) && event.key.length === 1) input.focus();
      }
    },
    true,
  );
})();
