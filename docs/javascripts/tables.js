/*
 * Listings sortable by any column: a reader can order a page of dancers by name,
 * company, role or origin. Each column heading becomes a button (so the keyboard and
 * screen readers reach it); the heading says its order with aria-sort. A dash ("not
 * named") sorts last either way. Without JavaScript the table stays A to Z.
 */
(() => {
  "use strict";

  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  const EMPTY = "—";

  function sortable(table) {
    const headings = [...table.querySelectorAll("thead th")];
    const body = table.tBodies[0];
    if (!body || body.rows.length < 2 || headings[0]?.textContent.trim() !== "Dancer") return;
    headings.forEach((heading, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "anthology-sort";
      button.append(...heading.childNodes);
      heading.append(button);
      if (column === 0) heading.setAttribute("aria-sort", "ascending");
      button.addEventListener("click", () => {
        const ascending = heading.getAttribute("aria-sort") !== "ascending";
        for (const other of headings) other.removeAttribute("aria-sort");
        heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const rows = [...body.rows].map((row, index) => ({
          row,
          index,
          key: row.cells[column]?.textContent.trim() || EMPTY,
        }));
        rows.sort((a, b) => {
          const blank = (a.key === EMPTY) - (b.key === EMPTY);
          if (blank) return blank;
          const order = collator.compare(a.key, b.key) * (ascending ? 1 : -1);
          return order || a.index - b.index;
        });
        body.append(...rows.map(({ row }) => row));
      });
    });
  }

  for (const table of document.querySelectorAll("article table")) sortable(table);
})();
