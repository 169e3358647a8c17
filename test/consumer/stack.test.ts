// A platform repo's unit test of its composition: Testing.synth, assertions on the JSON.
// Runs with Node's built-in test runner (node --test), no extra packages.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { Testing } from "cdktf";
import { SharedStorageStack } from "./existing-cluster";

type Json = Record<string, any>;
const json: Json = JSON.parse(Testing.synth(new SharedStorageStack(Testing.app(), "test")));
const all = (type: string): Json[] => Object.values(json.resource[type] ?? {});

test("EFS and FSx are encrypted and protected from destroy", () => {
  const [efs] = all("aws_efs_file_system");
  assert.equal(efs.encrypted, true);
  assert.equal(efs.lifecycle.prevent_destroy, true);
  const [fsx] = all("aws_fsx_ontap_file_system");
  assert.equal(fsx.lifecycle.prevent_destroy, true);
});

test("our tags reach the instance-store nodes' launch template", () => {
  const [lt] = all("aws_launch_template");
  assert.equal(lt.tag_specifications[0].tags["cost-center"], "platform");
  assert.equal(lt.metadata_options.http_tokens, "required");
});

test("NFS reaches EFS from the cluster security group only", () => {
  const nfs = all("aws_vpc_security_group_ingress_rule").filter((r) => r.from_port === 2049 && String(r.security_group_id).includes("aws_security_group.efs_"));
  assert.deepEqual(nfs.map((r) => [r.to_port, r.referenced_security_group_id]), [[2049, "sg-0a1b2c3d4e5f60718"]]);
});
