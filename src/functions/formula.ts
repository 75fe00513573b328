// Parses a formula with literal arguments, as Excel writes it: =AWARD.NAME(1, "text", TRUE, , {1,2;3,4})

export type Literal = number | string | boolean | null | Literal[][];

export interface ParsedFormula {
  /** Function id without the AWARD. prefix, upper case. */
  name: string;
  /** Arguments as given; an omitted argument (",,") is null. */
  args: Literal[];
}

export class FormulaSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = "FormulaSyntaxError";
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  private fail(what: string): never {
    const near = this.src.slice(this.pos, this.pos + 12);
    throw new FormulaSyntaxError(`${what} at position ${this.pos + 1}${near ? ` (near "${near}")` : " (at the end)"}`, this.pos);
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
  private expect(ch: string, what: string) {
    if (!this.eat(ch)) this.fail(`expected ${what}`);
  }

  formula(): ParsedFormula {
    this.ws();
    this.eat("=");
    this.ws();
    // The English namespace AWARD, or the Chinese one (补贴) with the Chinese names of functions.
    const m = /^(?:(?:award|补贴)\.)?([\p{L}_][\p{L}\p{N}_.]*)/iu.exec(this.src.slice(this.pos));
    if (!m) this.fail("expected a function name such as AWARD.COMPUTE_VOUCHER");
    this.pos += m[0].length;
    const name = /^[A-Za-z0-9_.]+$/.test(m[1]) ? m[1].toUpperCase() : m[1];
    this.expect("(", `"(" after ${name}`);
    const args: Literal[] = [];
    this.ws();
    if (!this.eat(")")) {
      for (;;) {
        args.push(this.argument());
        if (this.eat(",")) continue;
        this.expect(")", `"," or ")"`);
        break;
      }
    }
    this.ws();
    if (this.pos < this.src.length) this.fail("unexpected text after the closing parenthesis");
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
    return this.fail('expected a number, a "string", TRUE or FALSE');
  }

  private string(): string {
    this.pos++; // opening quote
    let out = "";
    for (;;) {
      if (this.pos >= this.src.length) this.fail("unterminated string");
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
      this.expect("}", `",", ";" or "}" in an array constant`);
      break;
    }
    const width = rows[0].length;
    if (rows.some((r) => r.length !== width)) this.fail("array constant rows differ in length");
    return rows;
  }
}

export function parseFormula(formula: string): ParsedFormula {
  return new Parser(formula).formula();
}
