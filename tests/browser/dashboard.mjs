// dashboard.mjs — the national dashboard as a browser sees it (issue 15).
//
// Starts the real receiver on a temporary SQLite database (or the database
// in $PT_DB, e.g. a postgresql:// URI), submits 40 PO SWVs' results over
// HTTP and 6 VO ones, and opens GET /dashboard with an analyst token in
// Debian's chromium (playwright-core, never a downloaded browser):
//   - the CSP header holds, and the page's style is applied under it
//     (no console error, no "Refused to apply");
//   - zero axe-core violations, at desktop width and at phone width;
//   - no sideways scroll at 360 and 390 px;
//   - it prints (a PDF of at least one page);
//   - no SWV code is on the page.
// With PT_SCREENSHOTS=DIR it writes dashboard-desktop.png and
// dashboard-telefoon.png there.
//
//   node tests/browser/dashboard.mjs [PROGRAM]   (default build/praktijktoets-central)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const program = process.argv[2] || 'build/praktijktoets-central';
const dir = mkdtempSync(join(tmpdir(), 'pt-dash-'));
const db = process.env.PT_DB || join(dir, 'central.db');
const failures = [];
const check = (ok, what) => {
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FOUT'} ${what}`);
};

function token(args) {
  return execFileSync(program, ['token', 'add', ...args, '--db', db], {
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString().trim();
}

function serve() {
  return new Promise((resolve, reject) => {
    const p = spawn(program, ['serve', '--listen', '127.0.0.1:0', '--db', db], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    p.stdout.on('data', (d) => {
      const m = /https?:\/\/[0-9.]+:[0-9]+/.exec(d.toString());
      if (m) resolve({ proc: p, url: m[0] });
    });
    p.on('exit', (code) => reject(new Error(`receiver stopped (${code})`)));
  });
}

// A deterministic pseudo-random sequence, so the pictures are the same
// every run.
let seed = 20141;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const round2 = (x) => Math.round(x * 100) / 100;
const clamp = (x) => Math.min(4, Math.max(1, x));
const DOMAINS = ['ondersteuning', 'organisatie', 'personeel', 'middelen', 'ouders',
  'gemeente', 'resultaat'];
const CHECKS = ['zorgplicht-termijn', 'tlv-termijn', 'thuiszitten', 'opp-termijn',
  'opp-na-plaatsing', 'plaatsing-na-tlv'];
const MISS = [0.08, 0.22, 0.35, 0.12, 0.05, 0.18];

function body(swv, rubric, n) {
  const base = 1.8 + rnd() * 1.8;
  const domains = DOMAINS.map((id, k) => ({
    id, score: round2(clamp(base + (rnd() - 0.5) * 1.2 - (k === 5 ? 0.4 : 0))), cases: 5,
  }));
  const overall = round2(domains.reduce((a, d) => a + d.score, 0) / domains.length);
  const verdict = overall >= 3.0 ? 'klaar' : overall >= 2.5 ? 'bijna-klaar' : 'niet-klaar';
  const cases = [];
  for (let c = 1; c <= 5; c++) {
    cases.push({
      id: `C0${c}`, score: round2(clamp(base + (rnd() - 0.5))), domains: [], criteria: [],
      checks: CHECKS.map((id, k) => {
        const r = rnd();
        if (r < 0.25) return { id, status: 'na', days: null };
        return rnd() < MISS[k] ? { id, status: 'fail', days: 90 } : { id, status: 'ok', days: 20 };
      }),
    });
  }
  return {
    format: 'praktijktoets-submission/2', assessment: `DASH-${n}`, revision: 1,
    submitted_at: '2026-11-23T11:30:00Z', swv, date: '2014-06-01', purpose: 'leerinstrument',
    rubric: { id: rubric, version: 1, scale: { min: 1, max: 4 } },
    team: { size: 5, complete: true, roles: { management: 1, ouders: 1, personeel: 2, gemeente: 1 } },
    overall: { score: overall, percent: null }, verdict, complete: true, domains, cases,
    critical_findings: [],
    reliability: { alpha_interval: null, alpha_ordinal: null, units: 0, interpretation: null },
    perspectives: [],
  };
}

async function submit(url, swv, rubric, n) {
  const t = token(['--swv', swv]);
  const b = body(swv, rubric, n);
  const r = await fetch(`${url}/v1/results`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json',
      'Idempotency-Key': `${b.assessment}/1` },
    body: JSON.stringify(b),
  });
  if (r.status !== 201) throw new Error(`submit ${swv}: ${r.status} ${await r.text()}`);
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function visit(browser, url, analyst, width, height, shot) {
  const ctx = await browser.newContext({
    viewport: { width, height }, extraHTTPHeaders: { Authorization: `Bearer ${analyst}` },
  });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const resp = await page.goto(`${url}/dashboard`);
  check(resp.status() === 200, `${width}px: status 200`);
  const csp = resp.headers()['content-security-policy'] || '';
  check(/style-src 'sha256-[A-Za-z0-9+/=]+'/.test(csp) && !csp.includes('unsafe-inline'),
    `${width}px: CSP allows the style by hash only`);
  check(errors.length === 0, `${width}px: no console errors (${errors.join(' | ')})`);
  const border = await page.evaluate(() => getComputedStyle(document.querySelector('h2')).borderTopStyle);
  check(border === 'solid', `${width}px: the stylesheet is applied under the CSP`);
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(over <= 0, `${width}px: no sideways scroll (${over} px too wide)`);
  const text = await page.evaluate(() => document.body.innerText);
  check(!/\b[PV]O \d\d-\d\d\b/.test(text), `${width}px: no SWV code on the page`);
  await page.evaluate(axeSource);
  const res = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  check(res.violations.length === 0,
    `${width}px: zero axe-core violations ${res.violations.map((v) => `${v.id} (${v.nodes.length})`).join(', ')}`);
  if (shot && process.env.PT_SCREENSHOTS)
    await page.screenshot({ path: join(process.env.PT_SCREENSHOTS, shot), fullPage: true });
  if (width >= 1000) {
    const pdf = join(dir, 'dashboard.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', printBackground: false });
    check(statSync(pdf).size > 10000, 'print: an A4 PDF');
  }
  await ctx.close();
}

let server;
let browser;
try {
  server = await serve();
  for (let i = 0; i < 40; i++) {
    const region = 20 + (i % 12);
    await submit(server.url, `PO ${region}-${String(1 + Math.floor(i / 12)).padStart(2, '0')}`,
      'po-gereedheid', i);
  }
  for (let i = 0; i < 6; i++) await submit(server.url, `VO 27-0${i + 1}`, 'vo-gereedheid', 100 + i);
  const analyst = token(['--role', 'analyst']);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
  await visit(browser, server.url, analyst, 1280, 900, 'dashboard-desktop.png');
  await visit(browser, server.url, analyst, 390, 844, 'dashboard-telefoon.png');
  await visit(browser, server.url, analyst, 360, 740, null);
} catch (e) {
  failures.push(String(e));
  console.error(e);
} finally {
  if (browser) await browser.close();
  if (server) server.proc.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`dashboard: ${failures.length} fout(en)`);
  process.exit(1);
}
console.log('dashboard: alles in orde');
