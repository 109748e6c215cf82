// A large ~/.aws/config of the user's own: `profiles` profiles of about 100 bytes each (100,000 ≈ 10 MB),
// with comments and blank lines as people write them. Deterministic, so runs compare.
export function userConfig(profiles: number): string {
  const parts: string[] = ["# my own profiles\n[default]\nregion = eu-west-1\noutput = json\n\n"];
  for (let i = 0; i < profiles; i++) {
    const n = String(i).padStart(6, "0");
    parts.push(
      `[profile user-${n}]\nrole_arn = arn:aws:iam::${String(100000000000 + i)}:role/Dev\nsource_profile = default\n`,
      i % 10 === 0 ? `# team ${n}\n\n` : "\n",
    );
  }
  return parts.join("");
}
