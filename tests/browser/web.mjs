// web.mjs — the browser test of the mirror team's web app (web.md, issue 12).
//
// Debian's chromium driven by playwright-core (never a downloaded browser);
// axe-core checks every page. One full round on a fresh database: the
// coordinator invites, three raters score in separate browser contexts (one
// at phone width, one with JavaScript off), the coordinator moves to the
// discussion, records a correction, closes; the SWV reader reads the report.
// Screenshots of the rater page and the discussion view at desktop and phone
// width go to docs/screenshots/ when SCREENSHOTS=1.
//
//   node tests/browser/web.mjs        (PT_PROGRAM=build/praktijktoets)
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const program = path.resolve(process.env.PT_PROGRAM || 'build/praktijktoets');
const sample = 'cases/voorbeeld-po';
const ID = 'PT-PO2899-2014-1';
const C01_TEXT = 'hardnekkige achterstand in technisch lezen';
const R1_COMMENT = 'Op tijd gesignaleerd, ouders dezelfde week betrokken';
const shots = process.env.SCREENSHOTS === '1';
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let failures = 0;
let checks = 0;
function ok(cond, what) {
  checks++;
  if (!cond) {
    failures++;
    console.error('FOUT: ' + what);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pt-web-'));
const db = path.join(tmp, 'web.db');
const map = path.join(tmp, 'map');
fs.mkdirSync(map);
fs.copyFileSync(path.join(sample, 'assessment.json'), path.join(map, 'assessment.json'));
fs.cpSync(path.join(sample, 'cases'), path.join(map, 'cases'), { recursive: true });

function pt(...args) {
  return execFileSync(program, ['--db', db, ...args], { encoding: 'utf8' });
}

pt('import', map);
const server = spawn(program, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--quiet'],
  { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/luistert op (http:\/\/[0-9.]+:\d+)/);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error('server stopte: ' + code)));
});
const link = (...args) => pt('invite', ID, ...args, '--public-url', base).trim();

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: flags });
const desktop = { viewport: { width: 1280, height: 900 }, bypassCSP: false };
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
  deviceScaleFactor: 2 };

// axe runs in a second, JS-enabled context that shares the session cookie,
// so that the page under test keeps its own CSP and JavaScript setting.
async function axe(page, name, status = 200) {
  const ctx = page.context();
  const cookies = await ctx.cookies();
  const checker = await browser.newContext({ bypassCSP: true,
    viewport: page.viewportSize() || desktop.viewport });
  await checker.addCookies(cookies);
  const p = await checker.newPage();
  const resp = await p.goto(page.url());
  ok(resp && resp.status() === status, `${name}: ${page.url()} geeft ${resp && resp.status()}`);
  await p.addScriptTag({ path: axePath });
  const res = await p.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}x: ` +
      v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ') + ')');
  });
  ok(res.length === 0, `${name}: axe: ${res.join('; ')}`);
  await checker.close();
}

// Nothing sticks out sideways at phone width (no horizontal scrolling).
async function fitsWidth(page, name) {
  const [scroll, inner] = await page.evaluate(
    () => [document.documentElement.scrollWidth, window.innerWidth]);
  ok(scroll <= inner, `${name}: ${scroll} px breed in ${inner} px`);
}

async function headerSaysPhase(page, label) {
  ok((await page.textContent('header')).includes('fase: ' + label), `fase ${label} in de kop`);
}

// A rater with JavaScript: choosing a level saves at once and says so.
async function raterWithJs(page, kase, choices, comment) {
  await page.click(`text=Casus ${kase}`);
  ok(page.url().endsWith('/case/' + kase), 'naar de casus');
  ok((await page.content()).includes('Tijdlijn'), 'casus en tijdlijn naast de criteria');
  for (const [crit, level] of choices) {
    const form = page.locator(`#k-${crit}`);
    await form.locator(`input[name="level"][value="${level}"]`).check();
    await form.locator('.status', { hasText: /^Opgeslagen$/ }).waitFor();
  }
  const first = page.locator(`#k-${choices[0][0]}`);
  await first.locator('textarea').fill('bel moeder op 06-12345678');
  await first.locator('textarea').blur();
  await first.locator('.status', { hasText: 'telefoonnummer' }).waitFor();
  ok(true, 'telefoonnummer in toelichting geweigerd');
  await first.locator('textarea').fill(comment);
  await first.locator('textarea').blur();
  await first.locator('.status', { hasText: /^Opgeslagen$/ }).waitFor();
}

async function handIn(page) {
  await page.goto(base + '/');
  await page.click('text=Scoreblad inleveren');
  await page.waitForURL(base + '/');
  ok((await page.content()).includes('Je hebt je scoreblad ingeleverd.'), 'ingeleverd');
}

const rLinks = { r1: link('--rater', 'r1'), r2: link('--rater', 'r2'), r3: link('--rater', 'r3') };
const coordLink = link('--coordinator');
const readerLink = link('--reader', 'swv');

try {
  // r1 on a desktop with JavaScript.
  const c1 = await browser.newContext(desktop);
  const p1 = await c1.newPage();
  await p1.goto(rLinks.r1);
  ok(p1.url() === base + '/', 'link → 303 naar /');
  await headerSaysPhase(p1, 'scoren');
  await axe(p1, 'beoordelaar: scoreblad');
  await raterWithJs(p1, 'C01', [['ond-signalering', '3'], ['ond-basis', 'nvt'],
    ['ond-sop', '4']], R1_COMMENT);
  await axe(p1, 'beoordelaar: casus');
  if (shots) {
    await p1.goto(base + '/case/C01');
    await p1.screenshot({ path: 'docs/screenshots/rater-desktop.png', fullPage: false });
  }

  // r3 on a phone with JavaScript: does not see r1's comment.
  const c3 = await browser.newContext(phone);
  const p3 = await c3.newPage();
  await p3.goto(rLinks.r3);
  await axe(p3, 'beoordelaar (telefoon): scoreblad');
  await raterWithJs(p3, 'C01', [['ond-signalering', '1'], ['ond-sop', '4']], 'te laat gezien');
  ok(!(await p3.content()).includes(R1_COMMENT), 'onafhankelijk: r3 ziet r1 niet');
  await fitsWidth(p3, 'casus op 390 px');
  const c360 = await browser.newContext({ ...phone, viewport: { width: 360, height: 740 } });
  await c360.addCookies(await c3.cookies());
  const p360 = await c360.newPage();
  await p360.goto(base + '/case/C02');
  await fitsWidth(p360, 'casus op 360 px');
  await p360.goto(base + '/');
  await fitsWidth(p360, 'scoreblad op 360 px');
  await c360.close();
  await axe(p3, 'beoordelaar (telefoon): casus');
  if (shots) {
    await p3.goto(base + '/case/C01');
    await p3.screenshot({ path: 'docs/screenshots/rater-phone.png', fullPage: false });
    await p3.goto(base + '/case/C01#k-ond-signalering');
    await p3.screenshot({ path: 'docs/screenshots/rater-phone-criteria.png', fullPage: false });
  }

  // r2 without JavaScript: forms and 303.
  const c2 = await browser.newContext({ ...desktop, javaScriptEnabled: false });
  const p2 = await c2.newPage();
  await p2.goto(rLinks.r2);
  await p2.click('text=Casus C01');
  const f2 = p2.locator('#k-ond-signalering');
  await f2.locator('input[name="level"][value="2"]').check();
  await f2.locator('textarea').fill('zonder JavaScript');
  await f2.locator('button[type="submit"]').click();
  await p2.waitForURL(/opgeslagen=ond-signalering/);
  ok(await p2.locator('#k-ond-signalering .status').textContent() === 'Opgeslagen',
    'zonder JavaScript: opgeslagen na 303');
  ok(await p2.locator('#k-ond-signalering input[value="2"]').isChecked(), 'keuze bewaard');
  ok(!(await p2.content()).includes(R1_COMMENT), 'onafhankelijk: r2 ziet r1 niet');
  await axe(p2, 'beoordelaar zonder JavaScript: casus');

  for (const p of [p1, p2, p3]) await handIn(p);
  ok((await p1.content()).includes('ingeleverd'), 'r1 ingeleverd');

  // The coordinator without JavaScript: progress, discussion, correction, close.
  const cc = await browser.newContext({ ...desktop, javaScriptEnabled: false });
  const pc = await cc.newPage();
  await pc.goto(coordLink);
  await headerSaysPhase(pc, 'scoren');
  const progress = await pc.textContent('table.voortgang');
  ok(progress.includes('r1') && progress.includes('ja') && progress.includes('nee'),
    'voortgang: aantallen en ingeleverd');
  ok(!(await pc.content()).includes(R1_COMMENT), 'coördinator ziet in scoring geen toelichting');
  await axe(pc, 'coördinator: overzicht (scoren)');
  await pc.click('text=Naar de bespreking');
  await pc.waitForURL(base + '/');
  await headerSaysPhase(pc, 'bespreking');
  await axe(pc, 'coördinator: overzicht (bespreking)');
  await pc.click('a[href="/discussion/C01"]');
  const first = pc.locator('article').first();
  ok((await first.getAttribute('class')).includes('verschil'), 'verschillen eerst');
  ok((await first.getAttribute('id')) === 'k-ond-signalering', 'grootste verschil bovenaan');
  ok((await pc.content()).includes(C01_TEXT), 'casustekst naast de bespreking');
  ok((await first.textContent()).includes(R1_COMMENT), 'toelichtingen in de bespreking');
  await axe(pc, 'coördinator: bespreking');
  if (shots) await pc.screenshot({ path: 'docs/screenshots/discussion-desktop.png' });
  const cphone = await browser.newContext(phone);
  await cphone.addCookies(await cc.cookies());
  const pp = await cphone.newPage();
  await pp.goto(base + '/discussion/C01#k-ond-signalering');
  await fitsWidth(pp, 'bespreking op 390 px');
  if (shots) await pp.screenshot({ path: 'docs/screenshots/discussion-phone.png' });
  await cphone.close();
  await first.locator('summary', { hasText: 'Correctie vastleggen' }).click();
  await first.locator('select[name="rater"]').selectOption('r3');
  await first.locator('select[name="level"]').selectOption('3');
  await first.locator('input[name="reason"]').fill('besproken: signalering was op tijd');
  await first.locator('button[type="submit"]').click();
  await pc.waitForURL(/\/discussion\/C01/);
  const log = fs.readFileSync(db) ? pt('phase', ID) : '';
  ok(log.includes('verder zonder ingeleverd blad van r4, r5, r6'), 'logboek: zonder r4, r5, r6');
  await pc.goto(base + '/');
  await pc.click('text=Assessment sluiten');
  await pc.waitForURL(base + '/');
  await headerSaysPhase(pc, 'gesloten');
  await axe(pc, 'coördinator: overzicht (gesloten)');

  // The reader: only the report, never a case text.
  const cr = await browser.newContext({ ...desktop, javaScriptEnabled: false });
  const pr = await cr.newPage();
  await pr.goto(readerLink);
  ok(!(await pr.content()).includes(C01_TEXT), 'lezer: geen casustekst');
  await axe(pr, 'lezer: start');
  await pr.click('text=Rapport lezen (HTML)');
  ok(!(await pr.content()).includes(C01_TEXT), 'lezer: rapport zonder casustekst');
  ok((await pr.content()).includes('<main>'), 'rapport als pagina met main-landmark');
  await axe(pr, 'lezer: rapport');
  const forbidden = await pr.goto(base + '/case/C01');
  ok(forbidden.status() === 403, 'lezer: casuspagina 403');
  await axe(pr, 'foutpagina', 403);

  // The score corrected in the browser is the engine's input.
  const res = JSON.parse(pt('assess', ID, '--format', 'json'));
  ok(res.assessment === ID, 'assess leest de database van de webapp');
  const scores = execFileSync(program, ['--db', db, 'list', 'assessments'], { encoding: 'utf8' });
  ok(/\t2$/m.test(scores.trim()), 'revisie 2 na één correctie');
} catch (e) {
  failures++;
  console.error('FOUT: ' + (e.stack || e));
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`browser test web: ${checks} controles, ${failures} fout`);
process.exit(failures ? 1 : 0);
