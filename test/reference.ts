import * as fs from "fs";
import * as path from "path";

/**
 * The project's shared reference folder (chart default values and the like): $PLATFORM_SHARED_DIR,
 * else a `shared/` folder beside the repository or any folder above it (where CI puts it).
 */
export function referenceFile(...parts: string[]): string {
  const candidates = process.env.PLATFORM_SHARED_DIR ? [process.env.PLATFORM_SHARED_DIR] : [];
  for (let dir = path.resolve(__dirname, ".."); path.dirname(dir) !== dir; dir = path.dirname(dir)) candidates.push(path.join(path.dirname(dir), "shared"));
  for (const base of candidates) {
    const file = path.join(base, "reference", ...parts);
    if (fs.existsSync(file)) return fs.readFileSync(file, "utf8");
  }
  throw new Error(`reference/${parts.join("/")} not found in ${candidates.join(", ")}; set PLATFORM_SHARED_DIR to the shared folder`);
}
