package nlp

import (
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
	genderMarker  = lazyRegexp(`(?i)\s*\((?:[mwfdxhn]\s*[/|,]\s*)+[mwfdxhn-]\s*(?:/\s*-\s*)?\)|\s*\((?:all genders?|alle geschlechter|any gender|gn)\)|\*in\b|:in\b|_in\b`)
	titleSegments = lazyRegexp(`\s+[-–—]\s+|,\s*|:\s+`)
	splitTitle    = lazyRegexp(`\s*/\s*|\s*&\s*|\s+and\s+|\s+und\s+|\s*\|\s*`)
)

// NormalizeTitle strips gender markers and surrounding space from a title.
func NormalizeTitle(t string) string {
	if strings.ContainsAny(t, "(*:_") { // every gender marker has one of these; most text has none
		t = genderMarker().ReplaceAllString(t, "")
	}
	return strings.Join(strings.Fields(t), " ")
}

// titleQualifier is a parenthesised abbreviation or department that never decides a
// title's role: "Senior Product Owner (PO)", "Product Owner (Product Management)".
var titleQualifier = lazyRegexp(`(?i)\s*\((?:POs?|PMs?|` + departments + `)\)`)

// departments are the names of product departments and teams that follow a title as a
// qualifier ("– Product Team"), never naming the candidate's role.
const departments = `product(?:\s+(?:management|team|org|organi[sz]ation|department|group|division|and\s+\w+|&\s+\w+))?(?:\s+team)?`

var departmentSegment = lazyRegexp(`(?i)^(?:the\s+)?` + departments + `$`)

// halfRole spells out a hybrid written with one "Product": "Product Owner/Manager",
// "Product Manager & Owner", "Product Owner or Manager".
var halfRole = lazyRegexp(`(?i)\bproduct[ -](owner|manager)\s*(?:/|&|\+|\band\b|\bor\b|\bund\b)\s*(owner|manager)\b`)

// productHyphen is "Product-Owner", "product-manager".
var productHyphen = lazyRegexp(`(?i)\bproduct-(owner|manager)`)

// abbreviation is PO or PM written in capitals as the role ("Principal PM, Growth",
// "PO/PM – Mobile"); in lower case "pm" is a time of day and "po" a purchase order.
var abbreviation = lazyRegexp(`\b(PO|PM)(s?)\b`)

// ClassifyTitle returns the role a title names and the parts it names roles in. Gender
// markers, abbreviations in brackets ("(PO)") and department qualifiers ("(Product
// Management)", "– Product Team") never decide it; a title that names both roles in any
// common spelling ("Product Manager / Product Owner", "Product Owner/Manager", "PO/PM",
// "Product Owner – Product Manager hybrid") is both.
func ClassifyTitle(title string, aliases []TitleAlias) (Role, []TitlePart) {
	t := NormalizeTitle(title)
	if strings.ContainsRune(t, '(') {
		t = titleQualifier().ReplaceAllString(t, "")
	}
	if strings.Contains(t, "-") {
		t = productHyphen().ReplaceAllString(t, "product $1")
	}
	t = halfRole().ReplaceAllString(t, "product $1 / product $2")
	if strings.Contains(t, "PO") || strings.Contains(t, "PM") {
		t = abbreviation().ReplaceAllStringFunc(t, func(m string) string {
			if strings.HasPrefix(m, "PO") {
				return "product owner"
			}
			return "product manager"
		})
	}
	norm := strings.ToLower(t)
	var parts []TitlePart
	var hasPO, hasPM, hasOther bool
	add := func(text string, r Role) {
		parts = append(parts, TitlePart{Text: strings.TrimSpace(text), Role: r})
		switch r {
		case PO:
			hasPO = true
		case PM:
			hasPM = true
		default:
			hasOther = true
		}
	}
	for _, part := range splitTitleParts(norm) {
		// "Lead Product Owner, Data", "So, you're a Product Owner": the role is named by the
		// first comma or dash segment that names one; the rest qualifies it, unless a later
		// segment names the other product role ("Product Owner – Product Manager hybrid")
		var first Role
		for _, seg := range titleSegmentsOf(part) {
			if departmentSegment().MatchString(strings.TrimSpace(seg)) {
				continue
			}
			r, ok := matchAlias(seg, aliases)
			if !ok {
				continue
			}
			switch {
			case first == "":
				first = r
				add(part, r)
			case (r == PO || r == PM) && (first == PO || first == PM) && r != first && namesPerson(seg):
				add(seg, r)
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

// splitTitleParts is splitTitle().Split(norm, -1), with the common case, a title with no
// separator, settled without the regular expression: ClassifyTitle runs on every line that
// might be a title, and the split was most of its time.
func splitTitleParts(norm string) []string {
	if !strings.ContainsAny(norm, "/&|") && !strings.Contains(norm, "and") && !strings.Contains(norm, "und") {
		return []string{norm}
	}
	return splitTitle().Split(norm, -1)
}

// titleSegmentsOf is titleSegments().Split(part, -1), the same way.
func titleSegmentsOf(part string) []string {
	if !strings.ContainsAny(part, "-–—,:") {
		return []string{part}
	}
	return titleSegments().Split(part, -1)
}

// namesPerson reports whether a title segment names a person in a product role ("Product
// Manager hybrid"), not a product area ("Product Management Tools").
func namesPerson(seg string) bool {
	return strings.Contains(seg, "product owner") || strings.Contains(seg, "product manager")
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
