package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/jdlint/jdlint/nlp"
)

// roleWordRE finds a PO or PM person name in a title or a reference: "Product Owner",
// "product-managers". Group 1 is the word that changes, group 2 a plural s.
var roleWordRE = map[nlp.Role]*regexp.Regexp{
	nlp.PO: regexp.MustCompile(`(?i)\bproduct[ \t-]+(owner)(s?)\b`),
	nlp.PM: regexp.MustCompile(`(?i)\bproduct[ \t-]+(manager)(s?)\b`),
}

// abbrevRE finds the abbreviation of a role in a title ("Senior Product Owner (PO)",
// "Principal PM, Growth"), in capitals only.
var abbrevRE = map[nlp.Role]*regexp.Regexp{
	nlp.PO: regexp.MustCompile(`\b(PO)(s?)\b`),
	nlp.PM: regexp.MustCompile(`\b(PM)(s?)\b`),
}

// roleWord is the word that tells the two role names apart.
func roleWord(r nlp.Role) string {
	if r == nlp.PO {
		return "owner"
	}
	return "manager"
}

// renameEdits returns the edits that rename every old-role name in src[start:end] to role,
// keeping case, plural, hyphenation and everything around the name ("Senior Product Owner -
// Payments" -> "Senior Product Manager - Payments"). Only the word that tells the roles
// apart changes; both names start with "Product", so an article before the name ("a
// Product Owner", "an experienced Product Owner") stays right as it is.
func renameEdits(src []byte, start, end int, old, role nlp.Role) []Edit {
	re := roleWordRE[old]
	if re == nil || start < 0 || end > len(src) || start >= end {
		return nil
	}
	var out []Edit
	for _, m := range re.FindAllSubmatchIndex(src[start:end], -1) {
		ws, we := start+m[2], start+m[3]
		out = append(out, Edit{Start: ws, End: we, New: matchCase(roleWord(role), string(src[ws:we]))})
	}
	return out
}

// RetitleFix returns the safe fix for role-mislabeled: it renames the title's role to role
// where the title lives (front matter title:, H1, heading, bold line, "Job Title:" label or
// first line) and in any repeat of the title, keeping seniority, qualifiers and suffixes
// ("Senior Product Owner - Payments Platform" -> "Senior Product Manager - Payments
// Platform"), and renames the posting's references to itself (nlp's SelfRefs: "As a Product
// Owner, you will", "Our Product Owner will", "the Product Owner role"). Counterpart mentions
// ("work with the Product Owner of the platform team") are never SelfRefs, so they stay. It
// returns nil when the title's role name cannot be found in the file.
func RetitleFix(p *nlp.Posting, role nlp.Role) *Fix {
	old := p.Title.Role
	if (role != nlp.PO && role != nlp.PM) || (old != nlp.PO && old != nlp.PM) || old == role {
		return nil
	}
	t := p.Title.Span
	if t.Line == 0 || t.End <= t.Start || t.End > len(p.Src) {
		return nil
	}
	if got, _ := nlp.ClassifyTitle(string(p.Src[t.Start:t.End]), nlp.DefaultTitleAliases); got != old {
		return nil // a hybrid ("Product Owner/Manager") has no single role to rename
	}
	edits := renameEdits(p.Src, t.Start, t.End, old, role)
	for _, m := range abbrevRE[old].FindAllSubmatchIndex(p.Src[t.Start:t.End], -1) {
		edits = append(edits, Edit{Start: t.Start + m[2], End: t.Start + m[3], New: map[nlp.Role]string{nlp.PO: "PO", nlp.PM: "PM"}[role]})
	}
	edits = normalizeEdits(edits)
	if len(edits) == 0 {
		return nil
	}
	var newTitle strings.Builder
	at := t.Start
	for _, e := range edits {
		newTitle.Write(p.Src[at:e.Start])
		newTitle.WriteString(e.New)
		at = e.End
	}
	newTitle.Write(p.Src[at:t.End])
	// never a title that contradicts itself ("Product Manager – Product Manager hybrid")
	// or still names the old role
	if got, _ := nlp.ClassifyTitle(newTitle.String(), nlp.DefaultTitleAliases); got != role {
		return nil
	}

	more, refs := selfRefEdits(p, old, role)
	edits = normalizeEdits(append(edits, more...))
	desc := fmt.Sprintf("Retitle the posting %q", newTitle.String())
	if refs > 0 {
		desc += fmt.Sprintf(" and rename %s to the role", plural(refs, "reference", "references"))
	}
	return &Fix{Description: desc, Safe: true, Edits: edits}
}

// selfRefEdits returns RetitleFix's edits outside the title: each repeat of the title, and
// each of the posting's references to itself (refs counts the edits of the latter).
func selfRefEdits(p *nlp.Posting, old, role nlp.Role) (edits []Edit, refs int) {
	norm := strings.ToLower(nlp.NormalizeTitle(p.Title.Text))
	for i := range p.Sentences {
		s := &p.Sentences[i]
		// a heading or line that repeats the title (front matter title: and an H1)
		if strings.ToLower(nlp.NormalizeTitle(strings.Trim(s.Text, " \t=#*_-"))) == norm {
			if e := renameEdits(p.Src, s.Span.Start, s.Span.End, old, role); len(e) > 0 {
				edits = append(edits, e...)
				continue
			}
		}
		for _, r := range s.SelfRefs {
			if r.End > len(p.Src) || !roleWordRE[old].Match(p.Src[r.Start:r.End]) {
				continue
			}
			e := renameEdits(p.Src, r.Start, r.End, old, role)
			edits = append(edits, e...)
			refs += len(e)
		}
	}
	return edits, refs
}

// normalizeEdits sorts edits and drops exact repeats and any edit that overlaps one kept.
func normalizeEdits(edits []Edit) []Edit {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
	out := edits[:0:0]
	for _, e := range edits {
		if n := len(out); n > 0 && e.Start < out[n-1].End || n > 0 && e.Start == out[n-1].Start {
			continue
		}
		out = append(out, e)
	}
	return out
}

// BlendFix returns the unsafe fix for role-blended: the collaboration rewrite of every
// sentence that gives the candidate the minority role's duties (the sentences off-role-duty
// reports), so that the posting keeps the title's role and works with the minority role.
// It returns nil when none of those sentences has a shape the rewrite understands.
func BlendFix(p *nlp.Posting, minority nlp.Role) *Fix {
	return blendFix(newCollabCache(p), minority)
}

// blendFix returns role-blended's fix (BlendFix) from the posting's shared rewrites.
func (pass *Pass) blendFix(minority nlp.Role) *Fix {
	return blendFix(pass.collabRewrites(), minority)
}

func blendFix(c *collabCache, minority nlp.Role) *Fix {
	var edits []Edit
	n := 0
	for _, i := range offRoleSentences(c.p, minority) {
		if e, ok := c.rewrite(i, minority); ok {
			edits = append(edits, e...)
			n++
		}
	}
	if n == 0 {
		return nil
	}
	edits = normalizeEdits(edits)
	return &Fix{
		Description: fmt.Sprintf("Turn %s into collaboration with the %s", plural(n, roleName(minority)+" duty", roleName(minority)+" duties"), roleName(minority)),
		Edits:       edits,
	}
}
