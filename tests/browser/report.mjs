// tests/browser/report.mjs — the HTML reports in a real browser (issue 11).
//
//   node tests/browser/report.mjs [--shots DIR] FILE.html...
//
// For every report: zero axe-core violations (WCAG 2.1 AA rules) at 1280 px
// and at 390 px, no sideways page scroll at 360 and 390 px
// (document.scrollingElement.scrollWidth <= innerWidth), no element that
// scrolls sideways on its own, every chart with a text alternative, and an
// A4 print (page.pdf) that works. Debian's chromium is driven by
// playwright-core; nothing is downloaded. With --shots, screenshots of each
// report at 1280 and 390 px land in DIR to look at.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
let shots = null;
if (args[0] === '--shots') {
    shots = args[1];
    args.splice(0, 2);
    mkdirSync(shots, { recursive: true });
}
if (!args.length) {
    console.error('gebruik: node tests/browser/report.mjs [--shots MAP] RAPPORT.html...');
    process.exit(2);
}

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
});
let failures = 0;
const fail = (file, what) => {
    failures++;
    console.log(`FAIL ${basename(file)}: ${what}`);
};

async function axe(page, file, width) {
    await page.addScriptTag({ content: axeSource });
    const r = await page.evaluate(async () => await globalThis.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }));
    for (const v of r.violations)
        fail(file, `axe ${v.id} at ${width} px (${v.nodes.length}×): ${v.help} — ` +
            v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
}

async function overflow(page, file, width) {
    const o = await page.evaluate(() => {
        const se = document.scrollingElement;
        const inner = [];
        for (const el of document.querySelectorAll('body *')) {
            const cs = getComputedStyle(el);
            if (el.scrollWidth > el.clientWidth + 1 && /(auto|scroll)/.test(cs.overflowX))
                inner.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
        }
        return { scroll: se.scrollWidth, inner: window.innerWidth, boxes: inner };
    });
    if (o.scroll > o.inner)
        fail(file, `the page scrolls sideways at ${width} px (${o.scroll} > ${o.inner})`);
    if (o.boxes.length)
        fail(file, `hidden sideways scroll areas at ${width} px: ${o.boxes.join(', ')}`);
}

async function charts(page, file) {
    const missing = await page.evaluate(() => [...document.querySelectorAll('svg')]
        .filter((s) => s.getAttribute('role') !== 'img' || !s.querySelector('title') ||
            !s.closest('figure')?.querySelector('figcaption'))
        .length);
    if (missing)
        fail(file, `${missing} chart(s) without role="img", a title or a caption`);
}

for (const file of args) {
    const url = pathToFileURL(resolve(file)).href;
    for (const width of [1280, 390, 360]) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.goto(url);
        await overflow(page, file, width);
        if (width !== 360)
            await axe(page, file, width);
        if (width === 1280)
            await charts(page, file);
        if (shots && width !== 360)
            await page.screenshot({ path: `${shots}/${basename(file, '.html')}-${width}.png`,
                fullPage: true });
        if (width === 1280) {
            const pdf = await page.pdf({ format: 'A4', printBackground: true });
            const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
            if (pdf.length < 1000 || pages < 1)
                fail(file, 'print to A4 gave no pages');
            if (shots)
                (await import('node:fs')).writeFileSync(`${shots}/${basename(file, '.html')}.pdf`, pdf);
        }
        await page.close();
    }
    console.log(`checked ${basename(file)}`);
}
await browser.close();
console.log(failures ? `${failures} problem(s)` : `all ${args.length} report(s) pass`);
process.exit(failures ? 1 : 0);
