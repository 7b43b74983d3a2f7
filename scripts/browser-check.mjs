// Opens an HTML page in headless Chromium and checks it as a reader's browser would show it.
// Speaks the DevTools protocol over Chromium's pipe (--remote-debugging-pipe), so it needs
// Node (18+) and Chromium only: no npm package, no port, no network.
//
// Usage: node scripts/browser-check.mjs PAGE.html OUT_DIR [RULE_ID...]
//   CHROMIUM=/path/to/chromium to choose the browser (default /usr/bin/chromium).
//
// Fails (exit 1, one line per problem) when the page logs a console error or warning, throws,
// loads anything but itself (it must be self-contained), runs a script, lacks a chart
// (<svg role="img"> with <title> and <desc>) or a table with a caption, or does not show every
// RULE_ID in both the chart and the table. Writes OUT_DIR/screenshot.png (1280×2400) and
// OUT_DIR/dom.html (the DOM after loading). Exit 2 when the browser could not be run.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [page, outDir, ...ids] = process.argv.slice(2);
if (!page || !outDir) {
  console.error("usage: node browser-check.mjs PAGE.html OUT_DIR [RULE_ID...]");
  process.exit(2);
}
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const url = pathToFileURL(resolve(page)).href;
mkdirSync(outDir, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "browser-check-"));

const browser = spawn(
  chromium,
  [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    `--user-data-dir=${profile}`,
    "--window-size=1280,2400",
    "--remote-debugging-pipe",
  ],
  { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] },
);
let browserLog = "";
browser.stderr.on("data", (d) => (browserLog += d));

const problems = [];
const pending = new Map();
const waiters = [];
let nextId = 1;
let buffer = "";

function finish(code) {
  clearTimeout(timer);
  try {
    browser.kill("SIGKILL");
  } catch {}
  try {
    rmSync(profile, { recursive: true, force: true });
  } catch {}
  process.exit(code);
}

const timer = setTimeout(() => {
  console.error(`browser check: timed out; browser said:\n${browserLog.slice(-2000)}`);
  finish(2);
}, 90_000);

browser.on("error", (e) => {
  console.error(`browser check: cannot run ${chromium}: ${e.message}`);
  finish(2);
});

browser.stdio[4].on("data", (chunk) => {
  buffer += chunk.toString("utf8");
  let end;
  while ((end = buffer.indexOf("\0")) >= 0) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (message.id && pending.has(message.id)) {
      const { ok, fail } = pending.get(message.id);
      pending.delete(message.id);
      message.error ? fail(new Error(JSON.stringify(message.error))) : ok(message.result);
    } else if (message.method) {
      onEvent(message.method, message.params || {});
      for (const w of waiters.filter((w) => w.method === message.method)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.ok(message.params);
      }
    }
  }
});

function send(method, params = {}, sessionId) {
  const id = nextId++;
  browser.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  return new Promise((ok, fail) => pending.set(id, { ok, fail }));
}

function once(method) {
  return new Promise((ok) => waiters.push({ method, ok }));
}

function onEvent(method, p) {
  if (method === "Runtime.consoleAPICalled" && ["error", "warning", "assert"].includes(p.type)) {
    const text = (p.args || []).map((a) => a.value ?? a.description ?? "").join(" ");
    problems.push(`console ${p.type}: ${text}`);
  } else if (method === "Runtime.exceptionThrown") {
    const d = p.exceptionDetails || {};
    problems.push(`uncaught: ${d.exception?.description ?? d.text}`);
  } else if (method === "Log.entryAdded" && ["error", "warning"].includes(p.entry?.level)) {
    problems.push(`console ${p.entry.level} (${p.entry.source}): ${p.entry.text}`);
  } else if (method === "Network.requestWillBeSent") {
    const u = p.request?.url ?? "";
    if (u !== url && !u.startsWith("data:")) {
      problems.push(`not self-contained: the page requested ${u}`);
    }
  } else if (method === "Network.loadingFailed") {
    problems.push(`a load failed: ${p.errorText}`);
  }
}

// What the page shows, read in the page (no script of the page's own runs: this is ours).
const inspect = `(() => {
  const ids = ${JSON.stringify(ids)};
  const charts = [...document.querySelectorAll('svg[role="img"]')];
  const chartText = charts.map((s) => s.textContent).join("\\n");
  const tables = [...document.querySelectorAll("table")];
  const rowHeads = [...document.querySelectorAll('table th[scope="row"]')].map((t) => t.textContent).join("\\n");
  return JSON.stringify({
    lang: document.documentElement.lang,
    title: document.title,
    scripts: document.scripts.length,
    charts: charts.length,
    chartsWithText: charts.filter((s) => s.querySelector("title")?.textContent.trim() && s.querySelector("desc")?.textContent.trim()).length,
    chartHeight: charts.length ? charts[0].getBoundingClientRect().height : 0,
    tables: tables.length,
    captions: tables.filter((t) => t.caption && t.caption.textContent.trim()).length,
    h1: document.querySelectorAll("h1").length,
    main: document.querySelectorAll("main").length,
    missingInChart: ids.filter((id) => !chartText.includes(id)),
    missingInTable: ids.filter((id) => !rowHeads.includes(id)),
    javascriptLinks: [...document.querySelectorAll("[href],[src]")].filter((e) => /^\\s*javascript:/i.test(e.getAttribute("href") || e.getAttribute("src") || "")).length,
  });
})()`;

try {
  const { targetId } = await send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  const s = (method, params) => send(method, params, sessionId);
  await s("Runtime.enable");
  await s("Log.enable");
  await s("Network.enable");
  await s("Page.enable");
  await s("Emulation.setDeviceMetricsOverride", {
    width: 1280,
    height: 2400,
    deviceScaleFactor: 1,
    mobile: false,
  });
  const loaded = once("Page.loadEventFired");
  const nav = await s("Page.navigate", { url });
  if (nav.errorText) problems.push(`navigation failed: ${nav.errorText}`);
  await loaded;
  // Let late console messages and requests arrive.
  await new Promise((r) => setTimeout(r, 500));
  const seen = JSON.parse((await s("Runtime.evaluate", { expression: inspect, returnByValue: true })).result.value);
  const dom = await s("Runtime.evaluate", {
    expression: "document.documentElement.outerHTML",
    returnByValue: true,
  });
  writeFileSync(join(outDir, "dom.html"), "<!DOCTYPE html>\n" + dom.result.value + "\n");
  const shot = await s("Page.captureScreenshot", { format: "png" });
  writeFileSync(join(outDir, "screenshot.png"), Buffer.from(shot.data, "base64"));

  if (seen.lang !== "en") problems.push(`<html lang> is "${seen.lang}", not "en"`);
  if (!seen.title.trim()) problems.push("the page has no <title>");
  if (seen.scripts > 0) problems.push(`the page has ${seen.scripts} script(s)`);
  if (seen.charts < 1) problems.push('no chart: no <svg role="img">');
  if (seen.chartsWithText < seen.charts) problems.push("a chart lacks its <title> or <desc>");
  if (seen.charts > 0 && seen.chartHeight < 50) problems.push(`the chart is ${seen.chartHeight}px high`);
  if (seen.tables < 1) problems.push("no table");
  if (seen.captions < seen.tables) problems.push("a table lacks its <caption>");
  if (seen.h1 !== 1) problems.push(`${seen.h1} <h1> elements, not 1`);
  if (seen.main !== 1) problems.push(`${seen.main} <main> elements, not 1`);
  if (seen.javascriptLinks > 0) problems.push(`${seen.javascriptLinks} javascript: link(s)`);
  for (const id of seen.missingInChart) problems.push(`recommendation ${id} is not in the chart`);
  for (const id of seen.missingInTable) problems.push(`recommendation ${id} is not in the table`);

  if (problems.length) {
    for (const p of problems) console.error(`browser check: ${p}`);
    finish(1);
  }
  console.log(
    `browser check passed: ${url}: ${seen.charts} chart(s) with text alternatives, ` +
      `${seen.tables} table(s) with captions, ${ids.length} recommendation(s) in chart and table, ` +
      `no console errors, no requests but the page; screenshot ${join(outDir, "screenshot.png")}`,
  );
  finish(0);
} catch (e) {
  console.error(`browser check: ${e.message}\nbrowser said:\n${browserLog.slice(-2000)}`);
  finish(2);
}
