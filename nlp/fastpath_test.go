package nlp

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fastPathLines are every line of the repository's postings plus hand-written edge cases:
// the text the fast paths below are checked on.
func fastPathLines(t *testing.T) []string {
	t.Helper()
	lines := []string{"", "-", "Product Owner/Manager", "PO & PM", "a | b", "brand and growth", "Produkt und Daten",
		"Lead PM – Growth", "Owner — Payments", "Manager: Data", "x,y", "\u212aelvin", "\u017fenior", "caf\u00e9 \u2013 bar", "\u00c5ngstr\u00f6m"}
	files, err := filepath.Glob(filepath.Join("..", "testdata", "*", "*.md"))
	if err != nil || len(files) < 100 {
		t.Fatalf("found %d postings under ../testdata (%v)", len(files), err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			lines = append(lines, l, strings.ToLower(l))
		}
	}
	return lines
}

// TestFastPaths: each shortcut taken before a regular expression or a rune-set search gives
// what the expression or search gives.
func TestFastPaths(t *testing.T) {
	for _, l := range fastPathLines(t) {
		if got, want := splitTitleParts(l), splitTitle().Split(l, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("splitTitleParts(%q) = %q, want %q", l, got, want)
		}
		if got, want := titleSegmentsOf(l), titleSegments().Split(l, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("titleSegmentsOf(%q) = %q, want %q", l, got, want)
		}
		if got, want := hasASCIIFold(l), strings.ContainsAny(l, "\u212a\u017f"); got != want {
			t.Errorf("hasASCIIFold(%q) = %t, want %t", l, got, want)
		}
		if !strings.Contains(l, "-") && productHyphen().MatchString(l) {
			t.Errorf("productHyphen matches %q, which has no hyphen", l)
		}
		if !strings.Contains(l, "PO") && !strings.Contains(l, "PM") && abbreviation().MatchString(l) {
			t.Errorf("abbreviation matches %q, which has neither PO nor PM", l)
		}
	}
}

// TestHasCue: hasCue is strings.Contains(padded, " "+cue) for every heading-like line and cue.
func TestHasCue(t *testing.T) {
	lines := append(fastPathLines(t), "about about", "xabout about", "pay", "paypay pay ")
	for _, l := range lines {
		padded := " " + strings.ToLower(l) + " "
		for _, sc := range sectionCues {
			for _, c := range sc.cues {
				if got, want := hasCue(padded, c), strings.Contains(padded, " "+c); got != want {
					t.Fatalf("hasCue(%q, %q) = %t, want %t", padded, c, got, want)
				}
			}
		}
	}
}
