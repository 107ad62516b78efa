package nlp

import (
	"regexp"
	"strings"
)

// TitleAlias maps a phrase found in a title to a role. Longer phrases are tried first.
type TitleAlias struct {
	Phrase string
	Role   Role
}

// DefaultTitleAliases are the role names jdlint recognises in titles. Product-adjacent roles
// that are neither PO nor PM map to other, so that they are never called either.
var DefaultTitleAliases = []TitleAlias{
	{"product marketing manager", Other}, {"product marketing", Other},
	{"product owner", PO}, {"produktowner", PO}, {"product-owner", PO},
	{"product manager", PM}, {"product management", PM}, {"produktmanager", PM}, {"chef de produit", PM},
	{"product management lead", PM}, {"group product manager", PM},
	{"project manager", Other}, {"program manager", Other}, {"programme manager", Other},
	{"product designer", Other}, {"product lead", Other}, {"head of product", Other},
	{"pricing manager", Other}, {"delivery manager", Other}, {"scrum master", Other},
	{"product analyst", Other}, {"account manager", Other}, {"client manager", Other},
	{"business analyst", Other}, {"engineering manager", Other}, {"projektmanager", Other},
	{"product specialist", Other}, {"product director", Other}, {"director of product", Other},
	{"vp of product", Other}, {"vp product", Other},
}

var (
	genderMarker  = regexp.MustCompile(`(?i)\s*\((?:[mwfdxhn]\s*[/|,]\s*)+[mwfdxhn-]\s*(?:/\s*-\s*)?\)|\s*\((?:all genders?|alle geschlechter|any gender|gn)\)|\*in\b|:in\b|_in\b`)
	titleSegments = regexp.MustCompile(`\s+[-–—]\s+|,\s*|:\s+`)
	splitTitle    = regexp.MustCompile(`\s*/\s*|\s*&\s*|\s+and\s+|\s+und\s+|\s*\|\s*`)
)

// NormalizeTitle strips gender markers and surrounding space from a title.
func NormalizeTitle(t string) string {
	if strings.ContainsAny(t, "(*:_") { // every gender marker has one of these; most text has none
		t = genderMarker.ReplaceAllString(t, "")
	}
	return strings.Join(strings.Fields(t), " ")
}

// ClassifyTitle returns the role a title names and the parts it names roles in.
func ClassifyTitle(title string, aliases []TitleAlias) (Role, []TitlePart) {
	norm := strings.ToLower(NormalizeTitle(title))
	var parts []TitlePart
	var hasPO, hasPM, hasOther bool
	for _, part := range splitTitle.Split(norm, -1) {
		// "Lead Product Owner, Data", "So, you're a Product Owner": the role is named by the
		// first comma or dash segment that names one; the rest qualifies it
		head := part
		for _, seg := range titleSegments.Split(part, -1) {
			if _, ok := matchAlias(seg, aliases); ok {
				head = seg
				break
			}
		}
		if r, ok := matchAlias(head, aliases); ok {
			parts = append(parts, TitlePart{Text: strings.TrimSpace(part), Role: r})
			switch r {
			case PO:
				hasPO = true
			case PM:
				hasPM = true
			default:
				hasOther = true
			}
		}
	}
	switch {
	case hasPO && hasPM:
		return Both, parts
	case hasPO:
		return PO, parts
	case hasPM:
		return PM, parts
	case hasOther:
		return Other, parts
	}
	return None, parts
}

func matchAlias(s string, aliases []TitleAlias) (Role, bool) {
	best, bestLen := Role(""), 0
	for _, a := range aliases {
		p := strings.ToLower(a.Phrase)
		if len(p) > bestLen && containsWord(s, p) {
			best, bestLen = a.Role, len(p)
		}
	}
	return best, bestLen > 0
}

// containsWord reports whether phrase occurs in s on word boundaries (plurals allowed).
func containsWord(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(phrase)
		okA := a == 0 || !isWordByte(s[a-1])
		okB := b == len(s) || !isWordByte(s[b]) || (s[b] == 's' && (b+1 == len(s) || !isWordByte(s[b+1])))
		if okA && okB {
			return true
		}
		i = a + 1
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}
