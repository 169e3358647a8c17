/**
 * IAM policy documents as pure functions, so they can be unit- and snapshot-tested.
 * Policy variables (`${aws:...}`) must reach AWS literally: Terraform would read them as its own
 * interpolation, so they are written `$${...}` (rule GEN-02). Use `iamVariable()` for that.
 */

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Record<string, string | string[]> | "*";
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** An IAM policy variable escaped for Terraform JSON, e.g. iamVariable("aws:PrincipalTag/x") -> "$${aws:PrincipalTag/x}". */
export function iamVariable(name: string): string {
  return `$\${${name}}`;
}

/** Trust policy for an AWS service principal. */
export function serviceTrustPolicy(service: string, actions: string[] = ["sts:AssumeRole"], condition?: PolicyStatement["Condition"]): string {
  return policyDocument([
    { Effect: "Allow", Principal: { Service: service }, Action: actions.length === 1 ? actions[0] : actions, ...(condition ? { Condition: condition } : {}) },
  ]);
}

export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function managedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/**
 * Trust policy of a role that EKS Pod Identity assumes for one service account of one cluster,
 * with confused-deputy conditions (EKS user guide, "Create IAM role with trust policy required by
 * EKS Pod Identity" and "Enable or disable session tags"): `aws:SourceAccount` is this account, and
 * the session tags Pod Identity always sets name this cluster's ARN, namespace and service account,
 * so no association of another cluster or service account can use the role. The documented tags
 * are used instead of `aws:SourceArn`, whose value for pods.eks.amazonaws.com is not documented.
 */
export function podIdentityTrustPolicy(props: { accountId: string; clusterArn: string; namespace: string; serviceAccount: string }): string {
  return policyDocument([
    {
      Sid: "AllowEksPodIdentity",
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        StringEquals: {
          "aws:SourceAccount": props.accountId,
          "aws:RequestTag/eks-cluster-arn": props.clusterArn,
          "aws:RequestTag/kubernetes-namespace": props.namespace,
          "aws:RequestTag/kubernetes-service-account": props.serviceAccount,
        },
      },
    },
  ]);
}
