/** EFS renderers (modules/efs/render.ts), edge cases written out literally. */
import { efsFileSystemPolicy, efsStorageClassParameters } from "../modules/efs/render";
import { StorageClassSchema } from "../modules/efs/config";

test("no client principals and no anonymous opt-in: only the TLS deny, no empty Allow (issue 10.6)", () => {
  expect(JSON.parse(efsFileSystemPolicy({ fileSystemArn: "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1", allowRootAccess: false, clientPrincipalArns: [] })).Statement).toEqual([
    {
      Sid: "DenyWithoutTls",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "*",
      Resource: "arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-1",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
});

test("StorageClass parameters: basePath and subPathPattern only when set", () => {
  expect(Object.keys(efsStorageClassParameters("fs-1", StorageClassSchema.parse({})))).toEqual(["provisioningMode", "fileSystemId", "directoryPerms"]);
  expect(efsStorageClassParameters("fs-1", StorageClassSchema.parse({ basePath: "/dyn", subPathPattern: "x" }))).toEqual({ provisioningMode: "efs-ap", fileSystemId: "fs-1", directoryPerms: "700", basePath: "/dyn", subPathPattern: "x" });
});
