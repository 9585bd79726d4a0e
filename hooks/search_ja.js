/* Japanese search for Material's search worker: one tokenizer for the pages AND the query.
 *
 * hooks/search_ja.py puts this file at the top of the theme's search worker and makes two call sites
 * of the minified worker use it: the page tokenizer (searchJa.tokens, when the worker builds its lunr
 * index from search_index.json) and the query pre-processing (searchJa.query). Because both sides run
 * this same code, a query and a page written the same way always give the same tokens; no dictionary
 * has to agree with another one (TinySegmenter cut page text and query text differently, which is why
 * 「6桁」 or 「迷惑メールフォルダ」 found nothing). The reasons are in hooks/search_ja.py.
 *
 * 1. normalise(): NFKC (ＯＣＮ -> OCN, ６ -> 6, ﾜﾝﾀｲﾑｷｰ -> ワンタイムキー) and lower case, one character at
 *    a time so that every normalised character still knows where it came from (for the highlights);
 *    then a few rewrites (RULES): kanji numerals before a counter (六桁 -> 6桁, 二段階 -> 2段階), digits
 *    with a counter in kana (6けた -> 6桁), a hyphen in katakana (パスワ-ド -> パスワード), and spelling
 *    variants that readers type for the pages' words (お客様 -> お客さま, ハガキ -> はがき, スマホ -> スマートフォン).
 * 2. tokenize(): words are runs of letters and digits (everything else separates: spaces, 、。,「」, ？);
 *    inside a word, latin letters are one token ("ocn", "sms", "web", "s.ocn.jp"), digits alone are one token
 *    ("0120"), and everything else (kana, kanji, digits next to them) becomes overlapping character
 *    bigrams (「6桁の認証コード」 -> 6桁 桁の の認 認証 証コ コー ード). A compound typed without its
 *    particle (迷惑メールフォルダ) still shares most bigrams with the page's 「迷惑メールのフォルダー」.
 */
var searchJa = (function () {
  "use strict";

  var WORD = /[\p{L}\p{N}\p{M}]/u;
  var LATIN = /[a-z]/;
  var DIGITS = /^[0-9]+$/;
  var KANJI_DIGIT = { "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };

  /* 二十五 -> 25, 十 -> 10, 二〇二五 -> 2025 */
  function kanjiNumber(s) {
    var ten = s.indexOf("十");
    if (ten < 0) return s.split("").map(function (c) { return KANJI_DIGIT[c]; }).join("");
    var tens = ten === 0 ? 1 : KANJI_DIGIT[s.charAt(ten - 1)];
    var ones = ten === s.length - 1 ? 0 : KANJI_DIGIT[s.charAt(ten + 1)];
    return String(tens * 10 + ones);
  }

  var COUNTER = "桁|段階|ステップ|回|分|秒|時間|日|週間|か月|ヶ月|カ月|年|つ|人|枚|通|件|文字|番目|度";
  /* [pattern, replacement]: applied in this order to the normalised text (after NFKC, lower case). */
  var RULES = [
    [new RegExp("[〇一二三四五六七八九十]{1,4}(?=" + COUNTER + ")", "g"), kanjiNumber],  // 六桁 -> 6桁
    [/(?<=[0-9])(?:けた|ケタ)/g, "桁"],                                         // 6けた -> 6桁
    [/(?<=[\u30a1-\u30fa\u30fc])[-\u2010-\u2015\u2212](?=[\u30a1-\u30fa])/g, "ー"],   // パスワ-ド
    [/(?<=客)様/g, "さま"],                                                      // お客様番号
    [/ハガキ|葉書/g, "はがき"],
    [/スマホ/g, "スマートフォン"],
    [/メアド/g, "メールアドレス"],
    [/ケータイ|けいたい/g, "携帯"],
    [/問い?合わ?せ/g, "問い合わせ"],                                             // 問合せ, 問い合せ
    [/受取/g, "受け取"],                                                          // 受取れない
    [/ウェブ/g, "web"],                                                         // ウェブメール = Webメール
    [/ショートメール|ショートメッセージ/g, "sms"],
    [/サインイン|ログオン/g, "ログイン"],
    // 来ない (readers' word) = 届かない (the pages' word for a mail, a code or a call): 「発行完了通知が来ない」
    // found the step page, not 「メールが届かない」. Both sides, so the pages' own 「メールが来ないときは」 stays
    // equal to the query; not 出来ない (= できない)
    [/(?<!出)来(?=な[いく])/g, "届か"], [/(?<!出)来(?=ません)/g, "届き"],
  ];

  /* The text as arrays of normalised UTF-16 units and, for each, the range [from, to) it came from. */
  function normalise(raw) {
    var chars = [], from = [], to = [];
    for (var i = 0; i < raw.length; i++) {
      var n = raw.charCodeAt(i) >= 0xd800 && raw.charCodeAt(i) < 0xdc00 ? 2 : 1;
      var out = raw.substr(i, n).normalize("NFKC").toLowerCase();
      for (var k = 0; k < out.length; k++) {
        // a voicing mark (ﾞ after NFKC) joins the kana before it: ｶﾞ -> ガ
        if (/[\u3099\u309a]/.test(out[k]) && chars.length) {
          var joined = (chars[chars.length - 1] + out[k]).normalize("NFC");
          if (joined.length === 1) { chars[chars.length - 1] = joined; to[to.length - 1] = i + n; continue; }
        }
        chars.push(out[k]); from.push(i); to.push(i + n);
      }
      i += n - 1;
    }
    var text = { chars: chars, from: from, to: to };
    for (var r = 0; r < RULES.length; r++) text = rewrite(text, RULES[r][0], RULES[r][1]);
    return text;
  }

  /* Replace each match; the new characters all come from the range of the matched ones. */
  function rewrite(text, pattern, replacement) {
    var s = text.chars.join(""), out = { chars: [], from: [], to: [] }, last = 0, m;
    pattern.lastIndex = 0;
    function copy(a, b) {
      for (var j = a; j < b; j++) { out.chars.push(text.chars[j]); out.from.push(text.from[j]); out.to.push(text.to[j]); }
    }
    while ((m = pattern.exec(s)) !== null) {
      if (!m[0].length) { pattern.lastIndex++; continue; }
      copy(last, m.index);
      var rep = typeof replacement === "function" ? replacement(m[0]) : replacement;
      for (var j = 0; j < rep.length; j++) {
        out.chars.push(rep[j]); out.from.push(text.from[m.index]); out.to.push(text.to[m.index + m[0].length - 1]);
      }
      last = m.index + m[0].length;
    }
    copy(last, s.length);
    return out;
  }

  /* Tokens of a text: emit(token, first, end) with first/end = indexes into the normalised chars. */
  function tokenize(text, emit) {
    var c = text.chars, i = 0;
    // a dot between latin letters belongs to the word: host names (s.ocn.jp) stay one token
    function word(k) { return WORD.test(c[k]) || (c[k] === "." && LATIN.test(c[k - 1]) && LATIN.test(c[k + 1] || "")); }
    while (i < c.length) {
      if (!word(i)) { i++; continue; }
      var j = i;
      while (j < c.length && word(j)) j++;
      // one word c[i..j): latin letter runs and the rest
      for (var a = i; a < j;) {
        var latin = LATIN.test(c[a]), b = a;
        while (b < j && (LATIN.test(c[b]) || c[b] === ".") === latin) b++;
        var seg = c.slice(a, b).join("");
        if (latin || DIGITS.test(seg) || b - a === 1) emit(seg, a, b);
        else for (var k = a; k + 1 < b; k++) emit(c[k] + c[k + 1], k, k + 2);
        a = b;
      }
      i = j;
    }
  }

  /* Page side: push(start, length, token) for each token of `raw`, with start/length in `raw`.
     Highlight ranges must not overlap (Material inserts <mark> tags at these offsets), so a bigram is
     highlighted from its first character up to the next bigram; the last one of a word to its end. */
  function tokens(raw, push) {
    var text = normalise(raw), cursor = 0, list = [];
    tokenize(text, function (token, first, end) { list.push([token, first, end]); });
    for (var t = 0; t < list.length; t++) {
      var first = list[t][1], end = list[t][2];
      var next = t + 1 < list.length ? list[t + 1] : null;
      var stop = next && next[1] < end ? text.from[next[1]] : text.to[end - 1];
      var start = Math.max(cursor, text.from[first]);
      stop = Math.max(start, stop);
      push(start, stop - start, list[t][0]);
      cursor = stop;
    }
  }

  /* A character pair with no hiragana (紛失, 受信, メー, 6桁) carries the meaning; pairs with hiragana
     (した, ない, を紛) are mostly grammar and would rank a long page that says ない often. */
  var CONTENT = /^[^\u3041-\u309f]{2}$/;
  var CONTENT_BOOST = 2;

  /* Query side: the query as lunr terms separated by spaces (Material then adds its trailing `*`).
     A lone kana or kanji also matches inside bigrams (leading `*`); a lone hiragana next to other
     words is a particle (の, が, を) and is dropped. Search syntax (+ - : ~ ^ ") is not kept: readers
     paste text from screens, and 「」, ：, ？ or - there are punctuation, not operators. */
  function query(q) {
    var out = [], seen = {};
    tokenize(normalise(q), function (token) {
      if (!seen[token]) { seen[token] = true; out.push(token); }
    });
    if (out.length > 1) out = out.filter(function (t) { return !/^[\u3041-\u309f]$/.test(t); });
    return out.map(function (t) {
      if (t.length === 1 && !/[0-9a-z]/.test(t)) return "*" + t;
      return CONTENT.test(t) ? t + "^" + CONTENT_BOOST : t;
    }).join(" ");
  }

  /* English edition: lunr's own English tokenizer and Porter stemmer stay on both sides; hooks/search_ja.py
     adds only this query rewrite (after Material's own query step). Readers type the verb of the fix
     (resend the code, restart, verify, forget), the pages say it another way (send the code again, start
     again, verification, forgot); Porter brings neither a re- prefix, nor an irregular verb, nor
     -ify/-ification to one form. These terms are ADDED (the reader's words stay; lunr ORs the terms):
     - each word of 3+ letters again, exact and weighted 2: Material makes every term a prefix (send*), so
       "send the code again" ranked the titles' "sender" and "who sends the postcard" above the page that
       says "send the code again"; the exact word now counts more than a longer word it begins;
     - a re- verb that no page uses, by its base verb that a page uses (resend -> send, restart -> start,
       retype -> type); only when the re- word is not in the index, so reset, reload, remember, register
       keep their own meaning;
     - irregular verb forms, each with the others (forget forgot forgotten, send sent, lose lost ...);
     - -ify by its noun -ification (verify -> verification: the pages say "two-step verification").
     Added terms carry a weight ("^1" = unchanged), which also keeps Material from adding its "*". */
  var IRREGULAR = [["forget", "forgot", "forgotten"], ["send", "sent"], ["lose", "lost"], ["ring", "rang", "rung"],
                   ["choose", "chose", "chosen"], ["come", "came"], ["get", "got"], ["write", "wrote", "written"],
                   ["hear", "heard"], ["make", "made"], ["take", "took", "taken"]];
  function english(q, invertedIndex) {
    var hasLunr = typeof lunr !== "undefined";
    function stem(w) { return hasLunr ? lunr.stemmer(new lunr.Token(w)).toString() : w; }
    function stopWord(w) { return hasLunr && !lunr.stopWordFilter(new lunr.Token(w)); }
    function inIndex(w) { return !!invertedIndex && Object.prototype.hasOwnProperty.call(invertedIndex, stem(w)); }
    var added = [];
    (q.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) || []).forEach(function (w) {
      if (w.length > 2 && w.indexOf("-") < 0 && !stopWord(w)) added.push(w + "^2");
      var re = /^re-?([a-z]{3,})$/.exec(w);
      if (re && !inIndex(w.replace("-", "")) && inIndex(re[1])) added.push(re[1] + "^1");
      IRREGULAR.forEach(function (forms) {
        if (forms.indexOf(w) >= 0) forms.forEach(function (f) { if (f !== w) added.push(f + "^1"); });
      });
      if (/ify$/.test(w)) added.push(w.slice(0, -1) + "ication^1");
    });
    return added.length ? q + " " + added.join(" ") : q;
  }

  return { normalise: normalise, tokens: tokens, query: query, english: english };
})();
if (typeof module !== "undefined") module.exports = searchJa;
