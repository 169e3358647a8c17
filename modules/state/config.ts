import { z } from "zod";
import { awsRegion, kmsKeyArn } from "../core/schema";

export const StateSchema = z.strictObject({
  /** S3 bucket that holds the state (created once by the bootstrap stack). */
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    error: "must be an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-'",
  }),
  /**
   * Object key of this environment's state. Must be unique across environments.
   * @default "<keyPrefix>/<environment name>/terraform.tfstate"
   */
  key: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()/-]+$/, { error: "may use letters, digits and !_.*'()/- only" })
    .refine((k) => !k.startsWith("/") && !k.endsWith("/") && !k.includes("//"), {
      message: "must not start or end with '/' or contain '//'",
    })
    .optional(),
  /** Prefix of the default key. @default "platform" */
  keyPrefix: z.string().regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, { error: "must be path segments without leading or trailing '/'" }).default("platform"),
  /** Region of the state bucket. @default - the environment's region */
  region: awsRegion.optional(),
  /** KMS key that encrypts state objects (the bootstrap stack's key). @default - the bucket's default encryption */
  kmsKeyArn: kmsKeyArn.optional(),
});

export type StateConfig = z.output<typeof StateSchema>;

/** The state key of an environment: the configured key, or `<keyPrefix>/<name>/terraform.tfstate`. */
export function stateKeyOf(config: StateConfig, environmentName: string): string {
  return config.key ?? `${config.keyPrefix}/${environmentName}/terraform.tfstate`;
}
