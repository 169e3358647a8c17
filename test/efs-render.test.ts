/** EFS renderers (modules/efs/render.ts), edge cases written out literally. */
import { EFS_MOUNT_OPTIONS, efsFileSystemPolicy, efsStorageClassParameters } from "../modules/efs/render";
import { hybridNodePolicy } from "../modules/hybrid-nodes/render";
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

test("StorageClasses mount with efs-utils tls and iam", () => {
  expect(EFS_MOUNT_OPTIONS).toEqual(["tls", "iam"]);
});

describe("hybridNodePolicy: least privilege per credential kind (HYB-IAM-02)", () => {
  const arn = "arn:aws:eks:eu-west-1:111122223333:cluster/prod";
  const describe = { Sid: "DescribeCluster", Effect: "Allow", Action: ["eks:DescribeCluster", "eks:ListAccessEntries"], Resource: arn };
  test("Roles Anywhere without Pod Identity: describe only, no SSM and no eks-auth", () => {
    expect(JSON.parse(hybridNodePolicy({ clusterArn: arn, kind: "iam-roles-anywhere", podIdentity: false, partition: "aws", region: "eu-west-1", accountId: "111122223333" })).Statement).toEqual([describe]);
  });
  test("SSM with Pod Identity: deregistration only of this cluster's instances, and eks-auth on this cluster", () => {
    expect(JSON.parse(hybridNodePolicy({ clusterArn: arn, kind: "ssm", podIdentity: true, partition: "aws", region: "eu-west-1", accountId: "111122223333" })).Statement).toEqual([
      describe,
      { Sid: "DescribeInstanceInformation", Effect: "Allow", Action: "ssm:DescribeInstanceInformation", Resource: "*" },
      {
        Sid: "DeregisterOwnInstances",
        Effect: "Allow",
        Action: "ssm:DeregisterManagedInstance",
        Resource: "arn:aws:ssm:eu-west-1:111122223333:managed-instance/*",
        Condition: { StringEquals: { "ssm:resourceTag/EKSClusterARN": arn } },
      },
      { Sid: "PodIdentity", Effect: "Allow", Action: "eks-auth:AssumeRoleForPodIdentity", Resource: arn },
    ]);
  });
});
