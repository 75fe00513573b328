import { parseFormula, FormulaSyntaxError } from "../src/functions/formula";
import { evaluateFormula } from "../src/functions/evaluate";

describe("formula parser", () => {
  test("names, strings, numbers, booleans, omitted arguments", () => {
    expect(parseFormula('=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)')).toEqual({
      name: "COMPUTE_VOUCHER", args: ["hangzhou-binjiang", "compute", 20000000, true, 2026],
    });
    expect(parseFormula('compute_voucher( "a" , "b""c" , 1.5e3 , , false )')).toEqual({ name: "COMPUTE_VOUCHER", args: ["a", 'b"c', 1500, null, false] });
    expect(parseFormula("=award.policies()")).toEqual({ name: "POLICIES", args: [] });
    expect(parseFormula("=X(-2, .5, 60%)")).toEqual({ name: "X", args: [-2, 0.5, 0.6] });
  });
  test("array constants: commas between columns, semicolons between rows", () => {
    expect(parseFormula('=F({1,2;3,4}, {"a";"b"})').args).toEqual([[[1, 2], [3, 4]], [["a"], ["b"]]]);
  });
  test.each(["=F(1", '=F("abc)', "=F(1) x", "=(1)", "=F({1,2;3})", "=F(@)", ""])("%p is not a formula", (f) => {
    expect(() => parseFormula(f)).toThrow(FormulaSyntaxError);
  });
});

describe("evaluateFormula", () => {
  test("calls the function Excel calls", () => {
    expect(evaluateFormula('=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,TRUE,2026)')).toEqual({ value: 12000000, error: null });
    expect(evaluateFormula('=AWARD.FUND_LIMIT("guangzhou","total",2026)')).toEqual({ value: 500000000, error: null });
  });
  test("Chinese names, as Chinese Excel shows the functions (namespace 补贴)", () => {
    expect(evaluateFormula('=补贴.政策版本("滨江",2024)')).toEqual({ value: "hangzhou-binjiang@2023", error: null });
    expect(evaluateFormula('=补贴.券补贴金额("广州","算力券","400万",,2026)').value).toBe(2000000); // 第八条 50% of 400万
    expect(evaluateFormula("=补贴.不存在(1)").error?.code).toBe("#NAME?");
  });
  test("omitted domestic is FALSE", () => {
    expect(evaluateFormula('=AWARD.COMPUTE_VOUCHER("hangzhou-binjiang","compute",20000000,,2026)').value).toBe(6000000);
  });
  test("errors carry code and message", () => {
    expect(evaluateFormula('=AWARD.COMPUTE_VOUCHER("langfang","corpus",1,,2024)').error).toEqual({
      code: "#N/A", message: expect.stringMatching(/langfang@2023 has no corpus voucher \(corpus\) programme/),
    });
    expect(evaluateFormula("=AWARD.NOPE(1)").error).toEqual({ code: "#NAME?", message: expect.stringMatching(/unknown function NOPE: the AWARD functions are COMPUTE_VOUCHER, ROUTES/) });
    expect(evaluateFormula("=AWARD.VERSION()").error).toEqual({ code: "#VALUE!", message: "VERSION takes 1 to 2 arguments, not 0" });
    expect(evaluateFormula("COMPUTE_VOUCHER(").error?.code).toBe("#NAME?");
    expect(evaluateFormula('=AWARD.COMPUTE_VOUCHER("滨江","compute",{1,2})').error).toEqual({ code: "#VALUE!", message: expect.stringMatching(/range or array/) });
  });
});
