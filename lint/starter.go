package lint

// StarterConfig is what `jdlint init` writes: every key, commented out, at its default or
// with an example value. Prose comments start with "##" and settings with "# ", so that
// uncommenting the whole file in an editor (which drops one "#" per line) leaves valid
// YAML that still has its explanations. TestStarterConfig keeps it in step with the
// rules and the default thresholds.
const StarterConfig = `## jdlint configuration. jdlint reads the nearest .jdlint.yml from each posting's folder
## upward to the repository root (the nearest file wins whole), or the file given with
## --config; --no-config ignores them. Uncomment what you need; the values shown are the
## defaults or examples. Unknown keys are errors. Reference:
## https://github.com/jdlint/jdlint/blob/main/docs/configuration.md

## Rule severities: off, info, warning or error (or "rule-id: {severity: warning}").
## --enable and --disable win over this.
# rules:
#   role-mislabeled: error
#   role-blended: warning
#   off-role-duty: info
#   not-a-product-role: warning
#   missing-core-duties: warning
#   skills-mismatch: info
#   title-missing: warning
#   unsupported-language: warning

## When the body is called PO, PM, blended, other or unknown. Shares are of all product
## evidence (PO + PM + shared work such as vision and roadmap, which fits either title).
## A PO-titled body is blended from a PM share of blend_low, a PM-titled one from a PO
## share of pm_blend_low (backlog work is normal there); either is the other role from a
## share of blend_high when its own evidence is at most nearly_absent. Below
## min_evidence there is no verdict. Project, account and delivery evidence must reach
## other_ratio times the product evidence to call the body other work.
# thresholds:
#   blend_low: 0.3
#   blend_high: 0.55
#   pm_blend_low: 0.4
#   min_evidence: 2
#   nearly_absent: 2
#   other_ratio: 1

## Paths to skip when walking folders, relative to this file's folder. A pattern without
## "/" matches a name at any depth; "**" spans folders. Files named on the command line
## are always linted.
# ignore:
#   - "drafts/**"
#   - "*.draft.md"

## Files larger than this are refused (an error, exit 2): bytes, or a number with
## KB, KiB, MB, MiB, GB or GiB. --max-size wins over this.
# max_size: 5MiB

## The role taxonomy: add phrases to a category (ids: jdlint tag shows them on each
## sentence), define new categories, or stop phrases from counting as evidence. Phrases
## match by lemma ("prioritise" = "prioritizes"); "a|b" is either word; "..." allows up to
## four words in between.
# vocabulary:
#   add:
#     po-backlog:
#       - sprint goal
#     pm-pricing:
#       - rate card
#   categories:
#     - id: po-pi-planning
#       role: PO              ## PO, PM, shared or other
#       kind: responsibility  ## responsibility or skill
#       label: PI planning
#       weight: 1.0           ## evidence per match, 0.01 to 10
#       strong: false         ## near-exclusive to the role
#       core: false           ## one of the role's core duties (missing-core-duties)
#       source: our SAFe playbook
#       phrases:
#         - pi planning
#         - program increment
#   ignore:
#     - product strategy

## Extra title phrases and the role they name: PO, PM or other. The longest phrase found
## in a title wins; on a tie, these win over the built-in ones.
# titles:
#   Product Lead: PM
#   Produktverantwortlicher: PO
`
