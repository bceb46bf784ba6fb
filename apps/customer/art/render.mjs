// Renders the site's raster images from the SVG sources in this folder and public/images, with
// the system Chromium (Playwright): the social preview (Open Graph / Twitter), the app icons and
// the favicon. The outputs are checked in; run this again after changing a source:
//   node apps/customer/art/render.mjs
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const dataUrl = (file) =>
  `data:image/svg+xml;base64,${readFileSync(here(file)).toString("base64")}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox"],
});

async function render(html, width, height, path, type = "png") {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.setContent(html);
  await page.waitForLoadState("load");
  // PNGs keep an alpha channel (RGBA: an ICO's PNG must have one).
  const buf = await page.screenshot(
    type === "jpeg" ? { type, quality: 82 } : { type, omitBackground: true },
  );
  await page.close();
  if (path) writeFileSync(here(path), buf);
  return buf;
}

const og = `<body style="margin:0;width:1200px;height:630px;display:flex;align-items:center;gap:56px;
  background:#fff7ed;font-family:'DejaVu Sans',sans-serif;color:#1c1917;box-sizing:border-box;padding:0 64px">
  <div style="flex:1">
    <div style="display:flex;align-items:center;gap:18px">
      <img src="${dataUrl("./mark.svg")}" width="84" height="84">
      <span style="font-size:44px;font-weight:800;color:#9a3412">MyHibachi</span>
    </div>
    <p style="font-size:60px;font-weight:800;line-height:1.1;margin:36px 0 0">A hibachi chef, live at your party</p>
    <p style="font-size:30px;line-height:1.35;color:#44403c;margin:28px 0 0">Real free dates, an exact price and booking in minutes.</p>
  </div>
  <img src="${dataUrl("../public/images/hero.svg")}" width="520" height="390" style="border-radius:28px">
</body>`;
await render(og, 1200, 630, "../public/images/og.jpg", "jpeg");

const icon = (size, inset) => `<body style="margin:0;background:#c2410c">
  <img src="${dataUrl("./mark.svg")}" style="display:block;width:${size - 2 * inset}px;height:${size - 2 * inset}px;margin:${inset}px"></body>`;
await render(icon(180, 0), 180, 180, "../src/app/apple-icon.png");
mkdirSync(here("../public/icons"), { recursive: true });
await render(icon(192, 0), 192, 192, "../public/icons/icon-192.png");
await render(icon(512, 0), 512, 512, "../public/icons/icon-512.png");
// Maskable: the mark inside the safe zone (80% circle) on the brand colour.
await render(icon(512, 56), 512, 512, "../public/icons/icon-maskable-512.png");

// favicon.ico: one 32x32 PNG inside an ICO container (ICONDIR + one ICONDIRENTRY).
const png = await render(
  `<body style="margin:0;background:transparent"><img src="${dataUrl("./mark.svg")}" width="32" height="32" style="display:block"></body>`,
  32,
  32,
  null,
);
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2); // icon
header.writeUInt16LE(1, 4); // one image
header.writeUInt8(32, 6);
header.writeUInt8(32, 7);
header.writeUInt16LE(1, 10); // planes
header.writeUInt16LE(32, 12); // bits per pixel
header.writeUInt32LE(png.length, 14);
header.writeUInt32LE(22, 18);
writeFileSync(here("../src/app/favicon.ico"), Buffer.concat([header, png]));
await browser.close();
