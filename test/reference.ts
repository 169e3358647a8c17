import * as fs from "fs";
import * as path from "path";

/** A file under the repository's vendor/ folder (vendor/README.md says where each came from). */
export function vendorFile(...parts: string[]): string {
  return fs.readFileSync(path.join(__dirname, "..", "vendor", ...parts), "utf8");
}
