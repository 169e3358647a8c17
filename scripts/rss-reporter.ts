/**
 * Preloaded (`node -r`) by the benchmark: at exit, writes this process's peak RSS (KiB) and its CPU
 * time (user + system, µs) to $BENCH_RSS_FILE as "<maxRSS> <cpu>". CPU time is reported next to
 * wall time because it moves less when other jobs share the machine.
 */
import * as fs from "fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    fs.writeFileSync(file, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
  });
}
