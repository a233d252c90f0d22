import { expect, test } from "vitest";
import { closestMatch, editDistance } from "./suggest.js";

test("edit distance counts transpositions once", () => {
  expect(editDistance("entrypont", "entrypoint")).toBe(1);
  expect(editDistance("tags", "tgas")).toBe(1);
  expect(editDistance("", "abc")).toBe(3);
});

test("suggests near misses and prefixes, not unrelated words", () => {
  const keys = ["short_description", "description", "source_url", "icon_file"];
  expect(closestMatch("short_desc", keys)).toBe("short_description");
  expect(closestMatch("descripton", keys)).toBe("description");
  expect(closestMatch("colour", keys)).toBeUndefined();
});
