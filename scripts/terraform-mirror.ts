/**
 * Finds a local filesystem mirror of the hashicorp/aws provider, so `terraform init` can run with
 * no network. Order: $TF_PROVIDER_MIRROR; filesystem_mirror paths in the Terraform CLI config;
 * Terraform's implied local mirror directories; then a shallow scan of the usual install roots.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface ProviderMirror {
  /** Directory that contains registry.terraform.io/... (what `-plugin-dir` expects). */
  readonly dir: string;
  /** Highest hashicorp/aws version in it for this platform. */
  readonly awsVersion: string;
  readonly foundBy: string;
}

const PLATFORM = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;

function awsVersionsIn(dir: string): string[] {
  const base = path.join(dir, "registry.terraform.io", "hashicorp", "aws");
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base)
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && fs.existsSync(path.join(base, v, PLATFORM)))
    .sort((a, b) => compareVersions(b, a));
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

function cliConfigMirrors(): string[] {
  const files = [process.env.TF_CLI_CONFIG_FILE, path.join(os.homedir(), ".terraformrc")].filter((f): f is string => !!f);
  const dirs: string[] = [];
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/filesystem_mirror\s*\{[^}]*path\s*=\s*"([^"]+)"/g)) dirs.push(m[1]);
  }
  return dirs;
}

function impliedMirrors(): string[] {
  const home = os.homedir();
  const xdgData = process.env.XDG_DATA_HOME ?? path.join(home, ".local", "share");
  const xdgDirs = (process.env.XDG_DATA_DIRS ?? "/usr/local/share:/usr/share").split(":");
  return [path.join(home, ".terraform.d", "plugins"), path.join(xdgData, "terraform", "plugins"), ...xdgDirs.map((d) => path.join(d, "terraform", "plugins"))];
}

/** Directories up to `depth` below `root` that hold a registry.terraform.io tree. */
function scan(root: string, depth: number): string[] {
  const found: string[] = [];
  const walk = (dir: string, level: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isDirectory() && e.name === "registry.terraform.io")) found.push(dir);
    if (level >= depth) return;
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules" && e.name !== "proc") walk(path.join(dir, e.name), level + 1);
  };
  walk(root, 0);
  return found;
}

export function findAwsProviderMirror(): ProviderMirror | { error: string } {
  const explicit = process.env.TF_PROVIDER_MIRROR;
  if (explicit) {
    const versions = awsVersionsIn(explicit);
    if (versions.length === 0) {
      return { error: `TF_PROVIDER_MIRROR=${explicit} holds no hashicorp/aws provider for ${PLATFORM} (expected ${explicit}/registry.terraform.io/hashicorp/aws/<version>/${PLATFORM}/)` };
    }
    return { dir: explicit, awsVersion: versions[0], foundBy: "TF_PROVIDER_MIRROR" };
  }
  const candidates: [string, string][] = [
    ...cliConfigMirrors().map((d): [string, string] => [d, "Terraform CLI config"]),
    ...impliedMirrors().map((d): [string, string] => [d, "Terraform's implied mirror directories"]),
  ];
  for (const root of ["/opt", "/usr/local", "/srv", os.homedir()]) for (const d of scan(root, 3)) candidates.push([d, `a scan of ${root}`]);
  for (const [dir, foundBy] of candidates) {
    const versions = awsVersionsIn(dir);
    if (versions.length > 0) return { dir, awsVersion: versions[0], foundBy };
  }
  return {
    error:
      `no local mirror of the hashicorp/aws provider was found for ${PLATFORM}. ` +
      `Set TF_PROVIDER_MIRROR to a directory laid out as <dir>/registry.terraform.io/hashicorp/aws/<version>/${PLATFORM}/terraform-provider-aws_*, ` +
      `for example one filled by 'terraform providers mirror <dir>' on a machine with network access.`,
  };
}
