"""Layer 4, judging: a case run to report rows. Claim verdicts (DESIGN section 3's rules),
statements, the staged worksheet run, `expect:` comparison, the convention search, and the
runner that turns one case into one result. Imports core, loading and evaluating."""
