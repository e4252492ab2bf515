import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
const [file, width, out, n, start] = process.argv.slice(2);
const b = await chromium.launch({executablePath:'/usr/bin/chromium',args:['--no-sandbox']});
const p = await b.newPage({viewport:{width:+width,height:900}});
await p.goto('file://'+resolve(file));
const h = await p.evaluate(()=>document.scrollingElement.scrollHeight);
const H = +width < 500 ? 1600 : 1400;
for (let i = +(start||0); i < +(start||0) + +n && i*H < h; i++)
  await p.screenshot({path:`${out}-${i}.png`, fullPage:true, clip:{x:0,y:i*H,width:+width,height:Math.min(H,h-i*H)}});
console.log(h);
await b.close();
