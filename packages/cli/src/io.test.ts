import { expect, test } from "vitest";
import { colorsFor } from "./io.js";

const tty = { write: () => true, isTTY: true };
const pipe = { write: () => true, isTTY: false };

test("colour follows the terminal, NO_COLOR, FORCE_COLOR and TERM=dumb", () => {
  expect(colorsFor(tty, {}).level).toBe(1);
  expect(colorsFor(pipe, {}).level).toBe(0);
  expect(colorsFor(tty, { NO_COLOR: "1" }).level).toBe(0);
  expect(colorsFor(tty, { NO_COLOR: "" }).level).toBe(1);
  expect(colorsFor(tty, { TERM: "dumb" }).level).toBe(0);
  expect(colorsFor(pipe, { FORCE_COLOR: "1" }).level).toBe(1);
  expect(colorsFor(tty, { FORCE_COLOR: "0" }).level).toBe(0);
});
