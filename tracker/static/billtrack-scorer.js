/* billtrack: search results. The bill as it stands ranks above the frozen drafts and the redlines
   (which repeat its words), and from file:// (where browsers refuse fetch) each result's excerpt
   comes from the page texts written beside the index, so no request fails. */
var Scorer = {
  score: (result) => {
    const [docname, _title, _anchor, _descr, score] = result;
    let adjusted = score;
    if (docname.startsWith("_generated/drafts/") || docname.startsWith("_generated/redlines/")) {
      adjusted -= 20;
    } else if (docname === "_generated/bill" || docname.startsWith("_generated/provisions/")) {
      adjusted += 5;
    }
    if (window.location.protocol === "file:" && !result[3]) {
      result[3] = BilltrackSearch.excerpt(docname);
    }
    return adjusted;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};

var BilltrackSearch = {
  excerpt: (docname) => {
    const texts = window.BILLTRACK_SEARCH_TEXTS || {};
    const text = texts[docname] || "";
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 1);
    const lower = text.toLowerCase();
    let at = -1;
    for (const word of words) {
      at = lower.indexOf(word);
      if (at >= 0) break;
    }
    const start = Math.max(0, at - 80);
    const piece = text.substring(start, start + 200);
    if (!piece) return "";
    return (start > 0 ? "…" : "") + piece + (start + 200 < text.length ? "…" : "");
  },
};
