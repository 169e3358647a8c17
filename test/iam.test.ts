/** IAM helpers (core/iam.ts): every rendered document written out literally. */
import { iamVariable, managedPolicyArn, partitionOf, podIdentityTrustPolicy, policyDocument, serviceTrustPolicy } from "../modules/core/iam";

test("policyDocument: version 2012-10-17 and the statements as given", () => {
  expect(JSON.parse(policyDocument([{ Effect: "Deny", Action: "s3:*", Resource: "*" }]))).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*" }] });
});

test("iamVariable: escaped for Terraform JSON (GEN-02)", () => {
  expect(iamVariable("aws:PrincipalTag/x509Subject/CN")).toBe("$${aws:PrincipalTag/x509Subject/CN}");
});

test("serviceTrustPolicy: one action as a string, several as a list, optional condition", () => {
  expect(JSON.parse(serviceTrustPolicy("ec2.amazonaws.com"))).toEqual({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
  });
  expect(JSON.parse(serviceTrustPolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"], { StringEquals: { "aws:SourceAccount": "111122223333" } }))).toEqual({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"], Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } }],
  });
});

test("partitionOf and managedPolicyArn", () => {
  expect(["eu-west-1", "cn-north-1", "us-gov-west-1", "us-east-1"].map(partitionOf)).toEqual(["aws", "aws-cn", "aws-us-gov", "aws"]);
  expect(managedPolicyArn("aws-cn", "AmazonEKSWorkerNodePolicy")).toBe("arn:aws-cn:iam::aws:policy/AmazonEKSWorkerNodePolicy");
});

test("podIdentityTrustPolicy: pods.eks.amazonaws.com of this account, cluster, namespace and service account only (issue 10.5)", () => {
  expect(JSON.parse(podIdentityTrustPolicy({ accountId: "111122223333", clusterArn: "arn:aws:eks:eu-west-1:111122223333:cluster/prod", namespace: "kube-system", serviceAccount: "efs-csi-controller-sa" }))).toEqual({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowEksPodIdentity",
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": "111122223333",
            "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:111122223333:cluster/prod",
            "aws:RequestTag/kubernetes-namespace": "kube-system",
            "aws:RequestTag/kubernetes-service-account": "efs-csi-controller-sa",
          },
        },
      },
    ],
  });
});
