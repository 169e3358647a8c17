/**
 * CPU architecture of an EC2 instance type, from its family name: Graviton families carry a `g`
 * after the generation digit (m7g, c6gn, i4g, is4gen, x2gd); a1 is the first-generation Graviton.
 */
export function isArmInstanceType(instanceType: string): boolean {
  const family = instanceType.split(".")[0];
  return family === "a1" || /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family);
}

/** The AMI types of managed nodegroups run one architecture each. */
export function isArmAmiType(amiType: string): boolean {
  return amiType.includes("ARM");
}
