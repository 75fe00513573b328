// Header rows of the tables the functions return (where the function itself builds the table).
import { bi } from "../text";

export const HEADERS = {
  policies: bi(
    ["version", "status", "in force from", "in force to", "title", "document number", "window"].join("\t"),
    ["版本", "状态", "生效日", "截止日", "标题", "文号", "有效期说明"].join("\t"),
  ),
};
