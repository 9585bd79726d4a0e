// Rank search queries with the built site's own search worker, in Node, without a browser.
//
//   node guide/search_rank.js <site folder> <queries as a JSON list>  ->  JSON: [[page location, ...], ...]
//
// The worker file of site/assets/javascripts/workers/ (Material's lunr worker, with the Japanese/English
// tokenizer of hooks/search_ja.js patched in by the build) runs here unchanged: `self`, `importScripts`
// and `postMessage` are given to it as a browser gives them to a worker. The index is site/search/
// search_index.json. Each result is the list of pages in result order, one per result group, as the
// search box lists them. Used by guide/search_check.py (`make check`: the ranking in seconds); the browser
// tests run the same queries through the real search box (tests/test_search.py).
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [site, queriesJson] = process.argv.slice(2);
const queries = JSON.parse(queriesJson);
const workers = path.join(site, "assets", "javascripts", "workers");
const workerFile = fs.readdirSync(workers).find((f) => /^search\..*\.js$/.test(f));
const index = JSON.parse(fs.readFileSync(path.join(site, "search", "search_index.json"), "utf8"));

let listener = null;
const replies = [];
const context = {
  console, setTimeout, clearTimeout, Promise,
  addEventListener: (type, fn) => { if (type === "message") listener = fn; },
  postMessage: (message) => replies.push(message),
  // importScripts(url, ...): the worker asks for lunr's language files relative to its own folder.
  importScripts: (...urls) => { for (const url of urls) vm.runInContext(
    fs.readFileSync(path.resolve(workers, url.replace(/^\.\//, "")), "utf8"), context, {filename: url}); },
  location: {href: "file://" + path.join(workers, workerFile)},
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(workers, workerFile), "utf8"), context, {filename: workerFile});

// Material's main thread sends the query through this transform first (its default `search.transform`).
const transform = (query) => query
  .split(/"([^"]+)"/g)
  .map((terms, i) => (i & 1 ? terms.replace(/^\b|^(?![^\x00-\x7F]|$)|\s+/g, " +") : terms))
  .join("")
  .replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "")
  .trim();

const send = async (message) => {
  const before = replies.length;
  await listener({data: message});
  for (let i = 0; i < 1000 && replies.length === before; i++) await new Promise((r) => setTimeout(r, 1));
  return replies[replies.length - 1];
};

(async () => {
  // As Material's main thread adds it: the theme features this site turns on (suggest and highlight are off).
  const ready = await send({type: 0, data: {...index, options: {suggest: false}}});
  if (!ready || ready.type !== 1) throw new Error("the search worker did not get ready: " + JSON.stringify(ready));
  const out = [];
  for (const q of queries) {
    const reply = await send({type: 2, data: transform(q)});
    out.push((reply.data.items || []).map((group) => group[0].location));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((err) => { console.error(String(err && err.stack || err)); process.exit(1); });
