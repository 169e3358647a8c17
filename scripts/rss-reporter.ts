/** Preloaded (`node -r`) by the benchmark: writes this process's peak RSS (KiB) to $BENCH_RSS_FILE at exit. */
import * as fs from "fs";

const file = process.env.BENCH_RSS_FILE;
if (file) process.on("exit", () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
