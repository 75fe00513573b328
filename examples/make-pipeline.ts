// Writes examples/guangzhou-pipeline-2026.csv: the applications 广州 expects under its 5亿元 a year
// (第二十七条), for the README's forecast walk-through. Run: npx tsx examples/make-pipeline.ts
import * as fs from "fs";
import * as path from "path";

const header = ["申请单位", "项目", "政策", "项目类型", "路径", "金额", "最低", "最高", "概率", "数量", "从", "至", "备注"];
const rows: (string | number)[][] = [
  // 第八条 算力券: large-model developers (cap 1000万元 a year), the big known applicants first
  ["广州智算科技有限公司", "多模态大模型", "广州", "算力券", "large-model", 31160000, 25000000, 36000000, 0.95, "", "2026-02-01", "2026-03-31", "已报备"],
  ["广州深度信息技术有限公司", "多模态大模型", "广州", "算力券", "large-model", 30140000, 22000000, 34000000, 0.9, "", "2026-02-01", "2026-04-30", "已报备"],
  ["广州星河人工智能研究院", "多模态大模型", "广州", "算力券", "large-model", 38040000, 30000000, 45000000, 0.8, "", "2026-03-01", "2026-05-31", "意向"],
  ["大模型研发主体", "行业垂类大模型", "广州", "算力券", "large-model", 24000000, 12000000, 40000000, 0.85, 22, "2026-02-01", "2026-08-31", "预计 22 家"],
  // 第八条 算力券: other companies (50%, cap 300万元 a year)
  ["算力采购企业", "智能算力采购", "广州", "算力券", "standard", 4000000, 1500000, 9000000, 0.9, 135, "2026-02-01", "2026-11-30", "预计 135 家"],
  // 第九条 数据券 and 第十一条 模型券
  ["数据交易企业", "数据集采购", "广州", "数据券", "usage", 3000000, 1000000, 8000000, 0.8, 25, "2026-03-01", "2026-12-15", "预计 25 家"],
  ["首购企业", "大模型产品首购", "广州", "模型券", "first-purchaser", 2000000, 800000, 5000000, 0.7, 20, "2026-04-01", "2026-12-15", "预计 20 家"],
];
const csv = [header, ...rows].map((r) => r.join(",")).join("\n") + "\n";
fs.writeFileSync(path.join(__dirname, "guangzhou-pipeline-2026.csv"), csv);
fs.writeFileSync(path.join(__dirname, "guangzhou-variants.json"), JSON.stringify({
  schema: 1,
  variants: [{ base: "guangzhou@draft", name: "compute-30pct", edits: [{ field: "compute.rate", value: "30%" }, { field: "compute:large-model.rate", value: "30%" }] }],
}, null, 2) + "\n");
