// Package synth writes synthetic job postings for benchmarks and tests: Product Owner,
// Product Manager, mislabeled, blended, project-management and untitled postings of about
// 500 words, in Markdown (H1, front matter, bold title) and plain text. The text is made up
// from small sentence banks; it is not taken from real postings. The same seed and index
// always give the same posting.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Kind is what a synthetic posting's title and body say.
type Kind string

// Kinds of posting, with the share of a generated folder each takes.
const (
	POOK       Kind = "po"         // PO title, PO body
	PMOK       Kind = "pm"         // PM title, PM body
	Mislabeled Kind = "mislabeled" // PM title, PO body
	Blended    Kind = "blended"    // PO title, body mixing both roles
	NotProduct Kind = "project"    // PM title, project and account body
	Untitled   Kind = "untitled"   // no title, PO or PM body
)

var kindWeights = []struct {
	kind   Kind
	weight int
}{{POOK, 34}, {PMOK, 34}, {Mislabeled, 10}, {Blended, 10}, {NotProduct, 6}, {Untitled, 6}}

// Posting is one generated posting.
type Posting struct {
	Name    string // file name, with its extension
	Kind    Kind
	Content []byte
}

// Generate returns posting number i of the folder made with seed.
func Generate(seed uint64, i int) Posting {
	rng := rand.New(rand.NewPCG(seed, uint64(i)*0x9E3779B97F4A7C15+1))
	g := gen{rng: rng}
	kind := g.kind()
	company := g.pick(companies) + " " + g.pick(companySuffixes)
	domain := g.pick(domains)
	product := g.pick(products)

	var title string
	switch kind {
	case POOK, Blended:
		title = g.pick(seniority) + "Product Owner" + g.pick(titleTails)
	case PMOK, Mislabeled, NotProduct:
		title = g.pick(seniority) + "Product Manager" + g.pick(titleTails)
	}
	title = strings.ReplaceAll(title, "{product}", product)

	var duties []string
	switch kind {
	case POOK:
		duties = g.some(poDuties, 6, 8)
		duties = append(duties, g.some(sharedDuties, 2, 3)...)
	case PMOK:
		duties = g.some(pmDuties, 6, 8)
		duties = append(duties, g.some(sharedDuties, 2, 3)...)
	case Mislabeled:
		duties = g.some(poDuties, 7, 9)
		duties = append(duties, g.some(sharedDuties, 1, 2)...)
	case Blended:
		duties = append(g.some(poDuties, 4, 5), g.some(pmDuties, 4, 5)...)
	case NotProduct:
		duties = g.some(projectDuties, 7, 9)
	case Untitled:
		if rng.IntN(2) == 0 {
			duties = g.some(poDuties, 6, 8)
		} else {
			duties = g.some(pmDuties, 6, 8)
		}
	}
	g.shuffle(duties)
	var reqs []string
	switch kind {
	case POOK, Mislabeled:
		reqs = g.some(poSkills, 3, 4)
	case PMOK:
		reqs = g.some(pmSkills, 3, 4)
	case Blended:
		reqs = append(g.some(poSkills, 2, 2), g.some(pmSkills, 2, 2)...)
	case NotProduct:
		reqs = g.some(projectSkills, 3, 4)
	default:
		reqs = g.some(append(append([]string{}, poSkills...), pmSkills...), 3, 4)
	}
	reqs = append(reqs, g.some(generalSkills, 3, 4)...)

	fill := func(s string) string {
		return strings.NewReplacer("{company}", company, "{domain}", domain, "{product}", product).Replace(s)
	}
	about := fill(strings.Join(g.some(aboutSentences, 6, 8), " "))
	role := fill(strings.Join(g.some(roleSentences, 3, 4), " "))
	team := fill(strings.Join(g.some(teamSentences, 3, 4), " "))
	how := fill(strings.Join(g.some(howSentences, 3, 4), " "))
	process := fill(strings.Join(g.some(processSentences, 2, 3), " "))
	benefits := g.some(benefitItems, 5, 7)
	eeo := fill(g.pick(eeoSentences))

	style := rng.IntN(10)
	ext := ".md"
	var b strings.Builder
	heading := func(h string) {
		switch {
		case style == 8: // plain text
			b.WriteString(h + ":\n\n")
		case style == 7: // bold headings
			b.WriteString("**" + h + "**\n\n")
		default:
			b.WriteString("## " + h + "\n\n")
		}
	}
	list := func(items []string) {
		for n, it := range items {
			it = fill(it)
			switch {
			case style == 8:
				b.WriteString("- " + it + "\n")
			case style == 6:
				fmt.Fprintf(&b, "%d. %s\n", n+1, it)
			default:
				b.WriteString("- " + it + "\n")
			}
		}
		b.WriteString("\n")
	}
	switch {
	case title == "":
	case style == 8:
		ext = ".txt"
		b.WriteString(title + "\n\n")
	case style == 9:
		fmt.Fprintf(&b, "---\ntitle: %q\nlocation: %s\nteam: %s\n---\n\n", title, g.pick(locations), product)
	case style == 7:
		ext = ".markdown"
		b.WriteString("**" + title + "**\n\n")
	default:
		b.WriteString("# " + title + "\n\n")
	}
	heading("About us")
	b.WriteString(about + "\n\n")
	heading("The role")
	b.WriteString(role + " " + team + "\n\n")
	heading(g.pick(dutyHeadings))
	list(duties)
	heading(g.pick(skillHeadings))
	list(reqs)
	heading("How we work")
	b.WriteString(how + "\n\n")
	heading("What we offer")
	list(benefits)
	heading("Hiring process")
	b.WriteString(process + "\n\n")
	b.WriteString(eeo + "\n")

	name := fmt.Sprintf("%04d-%s%s", i, kind, ext)
	return Posting{Name: name, Kind: kind, Content: []byte(b.String())}
}

// WriteKinds writes into dir, creating it, the first n postings made with seed whose kind
// is one of kinds (every kind when none is given): with Blended alone, a folder where every
// posting gets collaboration rewrites. Postings keep their index in the file name.
func WriteKinds(dir string, n int, seed uint64, kinds ...Kind) error {
	for _, k := range kinds {
		if !known(k) {
			return fmt.Errorf("unknown kind %q", k)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for i, written := 0, 0; written < n; i++ {
		p := Generate(seed, i)
		if len(kinds) > 0 && !slices.Contains(kinds, p.Kind) {
			continue
		}
		path := filepath.Join(dir, p.Name)
		if err := os.WriteFile(path, p.Content, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		written++
	}
	return nil
}

func known(k Kind) bool {
	for _, w := range kindWeights {
		if w.kind == k {
			return true
		}
	}
	return false
}

type gen struct{ rng *rand.Rand }

func (g gen) kind() Kind {
	total := 0
	for _, k := range kindWeights {
		total += k.weight
	}
	n := g.rng.IntN(total)
	for _, k := range kindWeights {
		if n < k.weight {
			return k.kind
		}
		n -= k.weight
	}
	return POOK
}

func (g gen) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

// some picks between lo and hi distinct items, in bank order.
func (g gen) some(xs []string, lo, hi int) []string {
	n := min(lo+g.rng.IntN(hi-lo+1), len(xs))
	idx := g.rng.Perm(len(xs))[:n]
	out := make([]string, 0, n)
	for i := range xs {
		for _, j := range idx {
			if i == j {
				out = append(out, xs[i])
			}
		}
	}
	return out
}

func (g gen) shuffle(xs []string) {
	g.rng.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
}
