/* Leporello search keys in the browser: the query side of catalogue/search_keys.py, for search
   without a server (the offline kiosk). fold(text, map) and queryTerms(query, map) return what
   the Python functions of the same names return, given map = fold_map_for(the indexed texts): the
   traditional characters that fold to a character of the index (长 for 長), not all of OpenCC.
   tests/catalogue/test_search_keys.py runs both on the same cases. */
(function (root) {
  "use strict";

  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var HAN_RUN = new RegExp("[" + HAN + "]+", "gu");
  var HAN_ONLY = new RegExp("^[" + HAN + "]+$", "u");
  var NOT_A_WORD = /[^\p{L}\p{N}]+/gu;
  var MAX_QUERY_LENGTH = 200;
  var MAX_QUERY_TERMS = 12;

  function fold(text, map) {
    var out = "";
    for (var ch of (text || "").normalize("NFKC")) out += (map && map[ch]) || ch;
    return out.toLowerCase().normalize("NFD")
      .replace(/([aou])\u0308/g, "$1e").replace(/ß/g, "ss")
      .replace(/\p{M}/gu, "").normalize("NFC");
  }

  function bigrams(run) {
    var chars = Array.from(run), pairs = [];
    for (var i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
    return pairs;
  }

  function queryTerms(query, map) {
    var text = fold(Array.from(query || "").slice(0, MAX_QUERY_LENGTH).join(""), map);
    var terms = [];
    text.replace(NOT_A_WORD, " ").split(" ").forEach(function (word) {
      word.split(new RegExp("([" + HAN + "]+)", "u")).forEach(function (piece) {
        if (!piece) return;
        if (HAN_ONLY.test(piece)) {
          var pairs = bigrams(piece);
          terms.push.apply(terms, pairs.length ? pairs : [piece]);
        } else {
          terms.push(piece);
        }
      });
    });
    return terms.filter(function (t, i) { return terms.indexOf(t) === i; }).slice(0, MAX_QUERY_TERMS);
  }

  var api = { fold: fold, queryTerms: queryTerms, bigrams: bigrams, HAN_RUN: HAN_RUN };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.LeporelloSearchKeys = api;
})(this);
