// The pane at task-pane widths (320, 350, 450 px) in English and Chinese, in headless Chromium
// (production build, office.js from the package): no horizontal scroll, no text drawn over other
// text (bounding boxes of every text-bearing element), the tab bar in sight after scrolling, and every
// dropdown wide enough for its chosen item. Screenshots of each view go to test-results/.
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { serveDir } from "./browser/static-server";
import { ensureAddinBuilt } from "./helpers/addin-build";

const CHROMIUM = "/usr/bin/chromium";
const RESULTS = path.resolve(__dirname, "../test-results");
const have = fs.existsSync(CHROMIUM);
if (!have) console.log(`pane layout tests skipped: ${CHROMIUM} not found (apt-get install chromium to run them)`);
const describeBrowser = have ? describe : describe.skip;
jest.setTimeout(180000);

interface Problems { scroll: number[]; overlaps: string[]; tabsHidden: boolean; clipped: string[] }

/** Measures the page as it is: what a user would see overlapping, clipped or out of reach. */
async function measure(page: Page): Promise<Problems> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== "hidden" && cs.display !== "none" && Number(cs.opacity) > 0;
    };
    // elements that draw text themselves (a direct, non-blank text node), not hidden inside a closed <details>
    const texts = [...document.querySelectorAll("body *")].filter((el) =>
      [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? "").trim() !== "") &&
      !["SCRIPT", "STYLE", "OPTION", "NOSCRIPT"].includes(el.tagName) && !el.closest("details:not([open]) > :not(summary)") && visible(el));
    const boxes = texts.map((el) => {
      // the box of the text itself (a Range), not of a wider block
      const range = document.createRange();
      range.selectNodeContents(el);
      return { el, rects: [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1) };
    });
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const hit = a.rects.some((ra) => b.rects.some((rb) => {
          const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
          const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
          return w > 2 && h > 2;
        }));
        if (hit) overlaps.push(`"${(a.el.textContent ?? "").trim().slice(0, 30)}" × "${(b.el.textContent ?? "").trim().slice(0, 30)}"`);
      }
    }
    // a dropdown must show its chosen item whole: the text's width against the box less its arrow
    const canvas = document.createElement("canvas").getContext("2d")!;
    const clipped: string[] = [];
    for (const sel of document.querySelectorAll("select")) {
      if (!visible(sel)) continue;
      const cs = getComputedStyle(sel);
      canvas.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const text = sel.selectedOptions[0]?.text ?? "";
      const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (canvas.measureText(text).width > room + 1) clipped.push(`${text} (${Math.round(canvas.measureText(text).width)} > ${Math.round(room)} px)`);
    }
    window.scrollTo(0, document.documentElement.scrollHeight);
    const tabs = document.querySelector('[role="tablist"]')!.getBoundingClientRect();
    const tabsHidden = tabs.top < -1 || tabs.bottom > window.innerHeight + 1;
    window.scrollTo(0, 0);
    return { scroll: [document.documentElement.scrollWidth, window.innerWidth], overlaps, tabsHidden, clipped };
  });
}

describeBrowser("the pane fits a task pane", () => {
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  beforeAll(async () => {
    server = await serveDir(await ensureAddinBuilt());
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    fs.mkdirSync(RESULTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const locale of ["en-US", "zh-CN"]) {
    for (const width of [320, 350, 450]) {
      test(`${locale} at ${width} px: every view`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 800 }, locale });
        await context.route("**/*", (route) => (/^(https?:\/\/(localhost|127\.0\.0\.1)|data:|blob:)/.test(route.request().url()) ? route.continue() : route.abort()));
        const page = await context.newPage();
        await page.goto(server.url);
        await page.getByTestId("year-select").waitFor();
        const tabs = page.getByRole("tab");
        const views: [string, () => Promise<void>][] = [
          ["year", async () => {}],
          ["scenarios", async () => {
            await tabs.nth(1).click();
            await page.getByRole("button", { name: /Example|示例/ }).first().click();
            await page.locator("[data-scenario]").nth(3).waitFor();
            // one sentence open, as a user would
            await page.locator("details summary").first().click();
          }],
          ["formula", async () => {
            await tabs.nth(3).click();
            const box = page.getByRole("textbox", { name: /formula/i });
            await box.fill('=AWARD.EXPLAIN("guangzhou","7",1500000,,2026)');
            await page.getByTestId("formula-steps").waitFor();
          }],
        ];
        const tag = `${locale.slice(0, 2)}-${width}`;
        for (const [view, open] of views) {
          await open();
          await page.waitForTimeout(200);
          await page.screenshot({ path: path.join(RESULTS, `pane-${tag}-${view}.png`), fullPage: true });
          const m = await measure(page);
          expect([view, m.scroll[0]]).toEqual([view, m.scroll[1]]);
          expect([view, m.overlaps]).toEqual([view, []]);
          expect([view, m.tabsHidden]).toEqual([view, false]);
          expect([view, m.clipped]).toEqual([view, []]);
        }
        await context.close();
      });
    }
  }
});
