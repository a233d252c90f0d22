// Strict SemVer 2.0 (https://semver.org): MAJOR.MINOR.PATCH, optional -prerelease and +build, no leading zeros,
// no "v" prefix: the same versions that the original tooling's semver parser accepts.
const NUMERIC = "(0|[1-9]\\d*)";
const PRERELEASE_ID = "(0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)";
const BUILD_ID = "[0-9A-Za-z-]+";
const SEMVER = new RegExp(
  `^${NUMERIC}\\.${NUMERIC}\\.${NUMERIC}(?:-${PRERELEASE_ID}(?:\\.${PRERELEASE_ID})*)?(?:\\+${BUILD_ID}(?:\\.${BUILD_ID})*)?$`,
);

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  build: string[];
}

export function parseSemver(version: string): SemVer | undefined {
  const match = SEMVER.exec(version);
  if (!match) return undefined;
  const [core = "", build = ""] = version.split("+", 2);
  const dash = core.indexOf("-");
  const [major = 0, minor = 0, patch = 0] = (dash < 0 ? core : core.slice(0, dash)).split(".").map(Number);
  return {
    major,
    minor,
    patch,
    prerelease: dash < 0 ? [] : core.slice(dash + 1).split("."),
    build: build === "" ? [] : build.split("."),
  };
}

/** Why a version is not strict SemVer, in words an author can act on. */
export function explainSemverFailure(version: string): string {
  if (/^v\d/.test(version)) return `drop the "v" prefix: "${version.slice(1)}"`;
  if (/^\d+(\.\d+)?$/.test(version)) return `use three parts, MAJOR.MINOR.PATCH: "${version}${".0".repeat(3 - version.split(".").length)}"`;
  if (/(^|\.)0\d/.test(version.split(/[-+]/)[0] ?? "")) return "numbers may not have leading zeros";
  return "use MAJOR.MINOR.PATCH with an optional -prerelease and +build, e.g. \"1.0.0\" or \"0.2.0-rc.5\"";
}
