// Parses a formula with literal arguments, as Excel writes it: =AWARD.NAME(1, "text", TRUE, , {1,2;3,4})

import { bi, type Text } from "../engine/text";

export type Literal = number | string | boolean | null | Literal[][];

export interface ParsedFormula {
  /** Function id without the AWARD. prefix, upper case. */
  name: string;
  /** Arguments as given; an omitted argument (",,") is null. */
  args: Literal[];
}

export class FormulaSyntaxError extends Error {
  constructor(readonly text: Text, readonly position: number) {
    super(text.en);
    this.name = "FormulaSyntaxError";
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  private fail(what: Text): never {
    const near = this.src.slice(this.pos, this.pos + 12);
    const at = this.pos + 1;
    throw new FormulaSyntaxError(
      bi(`${what.en} at position ${at}${near ? ` (near "${near}")` : " (at the end)"}`, `${what.zh}，位置 ${at}${near ? `（"${near}" 处）` : "（末尾）"}`),
      this.pos,
    );
  }
  private ws() {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }
  private peek(): string {
    return this.src[this.pos] ?? "";
  }
  private eat(ch: string): boolean {
    this.ws();
    if (this.src[this.pos] === ch) {
      this.pos++;
      return true;
    }
    return false;
  }
  private expect(ch: string, what: Text) {
    if (!this.eat(ch)) this.fail(bi(`expected ${what.en}`, `此处应为${what.zh}`));
  }

  formula(): ParsedFormula {
    this.ws();
    this.eat("=");
    this.ws();
    // The English namespace AWARD, or the Chinese one (补贴) with the Chinese names of functions.
    const m = /^(?:(?:award|补贴)\.)?([\p{L}_][\p{L}\p{N}_.]*)/iu.exec(this.src.slice(this.pos));
    if (!m) this.fail(bi("expected a function name such as AWARD.COMPUTE_VOUCHER", "此处应为函数名，如 补贴.券补贴金额"));
    this.pos += m[0].length;
    const name = /^[A-Za-z0-9_.]+$/.test(m[1]) ? m[1].toUpperCase() : m[1];
    this.expect("(", bi(`"(" after ${name}`, ` ${name} 后的 "("`));
    const args: Literal[] = [];
    this.ws();
    if (!this.eat(")")) {
      for (;;) {
        args.push(this.argument());
        if (this.eat(",")) continue;
        this.expect(")", bi(`"," or ")"`, ` "," 或 ")"`));
        break;
      }
    }
    this.ws();
    if (this.pos < this.src.length) this.fail(bi("unexpected text after the closing parenthesis", "右括号后有多余内容"));
    return { name, args };
  }

  private argument(): Literal {
    this.ws();
    const c = this.peek();
    if (c === "," || c === ")") return null; // omitted
    if (c === "{") return this.array();
    return this.scalar();
  }

  private scalar(): number | string | boolean {
    this.ws();
    const c = this.peek();
    if (c === '"') return this.string();
    const rest = this.src.slice(this.pos);
    const bool = /^(true|false)(?![A-Za-z0-9_(])/i.exec(rest);
    if (bool) {
      this.pos += bool[0].length;
      return bool[1].toUpperCase() === "TRUE";
    }
    const num = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      const text = num[0];
      return text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text);
    }
    return this.fail(bi('expected a number, a "string", TRUE or FALSE', '此处应为数字、"文本"、TRUE 或 FALSE'));
  }

  private string(): string {
    this.pos++; // opening quote
    let out = "";
    for (;;) {
      if (this.pos >= this.src.length) this.fail(bi("unterminated string", "文本缺少结尾引号"));
      const ch = this.src[this.pos++];
      if (ch === '"') {
        if (this.src[this.pos] === '"') {
          out += '"';
          this.pos++;
          continue;
        }
        return out;
      }
      out += ch;
    }
  }

  private array(): Literal[][] {
    this.pos++; // {
    const rows: Literal[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(this.scalar());
      if (this.eat(",")) continue;
      if (this.eat(";")) {
        rows.push([]);
        continue;
      }
      this.expect("}", bi(`",", ";" or "}" in an array constant`, `数组常量中的 ","、";" 或 "}"`));
      break;
    }
    const width = rows[0].length;
    if (rows.some((r) => r.length !== width)) this.fail(bi("array constant rows differ in length", "数组常量各行长度不一"));
    return rows;
  }
}

export function parseFormula(formula: string): ParsedFormula {
  return new Parser(formula).formula();
}
