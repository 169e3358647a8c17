/** npm run schema — writes schema/environment.schema.json from the zod schema (the single source). */
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../main";
import { environmentJsonSchema } from "../modules/config/json-schema";

const file = path.join(projectRoot, "schema", "environment.schema.json");
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${JSON.stringify(environmentJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${path.relative(projectRoot, file)}\n`);
