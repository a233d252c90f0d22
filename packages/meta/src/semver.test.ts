import { expect, test } from "vitest";
import { parseSemver } from "./semver.js";

test.each(["0.0.0", "1.2.3", "0.2.0-rc.5", "1.0.0-alpha.beta.1", "1.0.0+build.7", "1.0.0-0.3.7+exp.sha.5114f85", "1.0.0-x-y-z.--"])(
  "%s is SemVer", (version) => expect(parseSemver(version)).toBeDefined());

test.each(["1.0", "v1.0.0", "01.0.0", "1.0.0-01", "1.0.0-", "1.0.0+", "1.0.0-a..b", "0.0.XYZZY", " 1.0.0", "1.0.0.0"])(
  "%s is not SemVer", (version) => expect(parseSemver(version)).toBeUndefined());

test("parts", () => {
  expect(parseSemver("1.2.3-rc.1+b.2")).toEqual({ major: 1, minor: 2, patch: 3, prerelease: ["rc", "1"], build: ["b", "2"] });
});
