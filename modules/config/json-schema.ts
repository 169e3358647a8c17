import { z } from "zod";
import { EnvironmentSchema } from "./environment";

/** The environment schema as JSON Schema (draft 2020-12), for editors checking config files. */
export function environmentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(EnvironmentSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    ...schema,
    $id: "https://example.invalid/eks-hybrid-storage/environment.schema.json",
    title: "EKS hybrid storage environment",
    description: "One environment of the EKS hybrid storage module set: one Terraform plan. Generated from modules/config/environment.ts by `npm run schema`.",
  };
}
