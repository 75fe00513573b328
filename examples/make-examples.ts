// Writes the example application tables (npx tsx examples/make-examples.ts). Deterministic: the
// same files every time. The tables are invented, but shaped like real application rounds.
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = rng(2026);
const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
const wan = (lo: number, hi: number) => Math.round(lo + next() * (hi - lo)) * 10000;
const day = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

const PREFIX = ["智算", "深度", "云图", "星河", "数智", "灵犀", "天枢", "海纳", "启明", "元象", "千帆", "九章", "极光", "睿思", "光年", "鲸智", "墨子", "青云", "微芯", "澜舟"];
const SUFFIX = ["科技有限公司", "信息技术有限公司", "智能科技有限公司", "人工智能研究院", "网络科技有限公司"];
const company = (i: number, city: string) => `${city}${PREFIX[i % PREFIX.length]}${i >= PREFIX.length ? PREFIX[(Math.floor(i / PREFIX.length) + i) % PREFIX.length] : ""}${SUFFIX[i % SUFFIX.length]}`;
const PROJECTS = ["行业大模型训练", "多模态大模型", "智能客服平台", "医疗影像模型", "工业质检模型", "金融风控模型", "智能体开发平台", "推理服务平台"];

type Row = (string | number | boolean)[];
const HEADER_ZH = ["申请单位", "项目", "政策", "项目类型", "路径", "金额", "国产", "日期", "备注"];

function binjiang(): Row[] {
  const rows: Row[] = [];
  // A company with two projects: the 2000万 per company of （六） is shared.
  rows.push([company(0, "杭州"), "行业大模型训练", "滨江", "算力券", "", 25000000, true, day(2026, 3, 1), "60% of 2500万 = 1500万"]);
  rows.push([company(0, "杭州"), "推理服务平台", "滨江", "算力券", "", 15000000, true, day(2026, 3, 2), "60% = 900万, only 500万 left of 2000万"]);
  // One project under two vouchers: 从优、从高、不重复 pays the higher only.
  rows.push([company(1, "杭州"), "智能体开发平台", "滨江", "算力券", "", 10000000, false, day(2026, 3, 3), "30% = 300万"]);
  rows.push([company(1, "杭州"), "智能体开发平台", "滨江", "模型券", "", 5000000, "", day(2026, 3, 4), "30% = 150万, same project"]);
  // The rest of the 2026 算力券 round: the 1亿 pool runs out.
  for (let i = 2; i < 16; i++) {
    rows.push([company(i, "杭州"), pick(PROJECTS), "滨江", "算力券", "", wan(800, 3000), next() < 0.6, day(2026, 3, 3 + i), "上一年度算力结算费用"]);
  }
  for (let i = 20; i < 30; i++) rows.push([company(i, "杭州"), pick(PROJECTS), "滨江", "语料券", "", wan(100, 900), "", day(2026, 4, i - 19), "合同金额"]);
  for (let i = 30; i < 40; i++) rows.push([company(i, "杭州"), pick(PROJECTS), "滨江", "模型券", "", wan(100, 900), "", day(2026, 5, i - 29), "上一年度交易结算费用"]);
  // 创新券: 50万 per company a year; a company with three contracts.
  for (let k = 0; k < 3; k++) rows.push([company(40, "杭州"), `技术合同${k + 1}`, "滨江", "创新券", "", 800000, "", day(2026, 6, 1 + k), "认定登记的技术合同"]);
  rows.push(["", "", "", "", "", "", "", "", ""]);
  rows.push([company(41, "杭州"), "数据标注", "滨江", "数据券", "", 1000000, "", day(2026, 6, 9), "滨江 2025 has no 数据券: reported as a bad row"]);
  return rows;
}

function guangzhou(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 45; i++) rows.push([company(i, "广州"), "多模态大模型", "广州", "算力券", "large-model", wan(1800, 4000), "", day(2026, 2, 1 + (i % 28)), "第八条 大模型研发主体"]);
  for (let i = 45; i < 95; i++) rows.push([company(i, "广州"), pick(PROJECTS), "广州", "算力券", "", wan(50, 1000), "", day(2026, 3, 1 + (i % 28)), "上一年度采购非关联方智能算力"]);
  for (let i = 80; i < 92; i++) rows.push([company(i, "广州"), "高质量数据集", "广州", "数据券", "benchmark", "", "", day(2026, 4, 1 + (i - 80)), "数据集标杆: 每年不超过十个"]);
  for (let i = 92; i < 100; i++) rows.push([company(i, "广州"), "行业数据集采购", "广州", "数据券", "usage", wan(100, 800), "", day(2026, 4, 15 + (i - 92)), "数据交易合同金额"]);
  for (let i = 100; i < 112; i++) rows.push([company(i, "广州"), "应用实验场景", "广州", "场景券", "", "", "", day(2026, 5, 1 + (i - 100)), "试验场景标杆: 每年十个"]);
  for (let i = 112; i < 120; i++) rows.push([company(i, "广州"), "生成式AI服务", "广州", "模型券", "filing", "", "", day(2026, 6, 1 + (i - 112)), "首次完成国家级备案 一次性奖励"]);
  rows.push([company(112, "广州"), "生成式AI服务", "广州", "模型券", "filing", "", "", day(2026, 9, 1), "a second filing by the same company: one-time"]);
  for (let i = 120; i < 130; i++) rows.push([company(i, "广州"), "大模型首购", "广州", "模型券", i % 2 ? "first-purchaser-uplift" : "first-purchaser", wan(100, 600), "", day(2026, 7, 1 + (i - 120)), "行业首购方"]);
  // One project under two measures: 就高不重复.
  rows.push([company(0, "广州"), "多模态大模型", "广州", "模型券", "first-purchaser", 3000000, "", day(2026, 7, 20), "same project as its 算力券 row"]);
  return rows;
}

function langfang(): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 16; i++) rows.push([company(i, "廊坊"), pick(PROJECTS), "廊坊", "算力券", "local-platform", wan(40, 250), "", day(2025, 2, 1 + i), "使用本地算力服务平台"]);
  for (let i = 16; i < 22; i++) rows.push([company(i, "廊坊"), "揭榜挂帅攻关", "廊坊", "算力券", "major-project", wan(50, 300), "", day(2025, 3, 1 + (i - 16)), "国家省级重大项目牵头单位"]);
  for (let i = 22; i < 30; i++) rows.push([company(i, "廊坊"), "", "廊坊", "算力券", "new-entrant", "", "", day(2025, 4, 1 + (i - 22)), "落户当年一次性50万元"]);
  // The shared 100万 a year: a unit using the local platform and leading a major project.
  rows.push([company(3, "廊坊"), "揭榜挂帅攻关", "廊坊", "算力券", "major-project", 1500000, "", day(2025, 5, 6), "second route of the same unit"]);
  rows.push([company(22, "廊坊"), "", "廊坊", "算力券", "new-entrant", "", "", day(2025, 9, 1), "second settling voucher: one-time"]);
  return rows;
}

const csv = (rows: Row[]) => [HEADER_ZH, ...rows].map((r) => r.map((c) => (typeof c === "string" && /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c))).join(",")).join("\n") + "\n";

async function main() {
  const dir = __dirname;
  fs.writeFileSync(path.join(dir, "hangzhou-binjiang-2026.csv"), csv(binjiang()));
  fs.writeFileSync(path.join(dir, "guangzhou-2026.csv"), csv(guangzhou()));
  // Langfang as a workbook, with real dates and an English header, as a budget office would keep it.
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));
  const ws = wb.addWorksheet("applications");
  ws.addRow(["recipient", "project", "policy", "programme", "route", "amount", "domestic", "date", "note"]);
  for (const r of langfang()) {
    const [y, m, d] = String(r[7]).split("-").map(Number);
    ws.addRow([...r.slice(0, 7), new Date(Date.UTC(y, m - 1, d)), r[8]]);
  }
  ws.getColumn(8).numFmt = "yyyy-mm-dd";
  await wb.xlsx.writeFile(path.join(dir, "langfang-2025.xlsx"));
}

main();
