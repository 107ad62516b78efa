package nlp

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestWordMatcher: the fast matcher finds exactly roleMention's matches on every line of
// the labeled postings and the sentence table, and on awkward cases.
func TestWordMatcher(t *testing.T) {
	if roleMentions().window == 0 {
		t.Fatal("roleMention is no longer bounded or no longer starts with \\b and a letter: findMentions lost its fast path")
	}
	var texts []string
	files, _ := filepath.Glob("../testdata/job_posts/*")
	files = append(files, "../testdata/sentences.tsv")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
		texts = append(texts, string(b))
	}
	texts = append(texts, "", "PO", "POs", "pos.", "xpos", "_pos", "9product owner", "Product  Owner", "product owners's",
		"PRODUCT MANAGERS and Scrum Masters", "the product ownerx", "product owner\u212a", "ſcrum master", "UX team, ux researchers",
		"product marketing managers", "product marketing team", "Product Marketing", "head of product: vp of product",
		"Éproduct owner", "é product owner é", "product owner_", "Designers/design team", "delivery managers?")
	compare(t, roleMention(), roleMentions(), texts)
}

func compare(t *testing.T, re *regexp.Regexp, m *wordMatcher, texts []string) {
	t.Helper()
	for _, s := range texts {
		got, want := m.FindAllStringIndex(s), re.FindAllStringIndex(s, -1)
		if len(got) != len(want) {
			t.Errorf("%q: got %v, want %v", s, got, want)
			continue
		}
		for i := range got {
			if got[i][0] != want[i][0] || got[i][1] != want[i][1] {
				t.Errorf("%q: got %v, want %v", s, got, want)
				break
			}
		}
	}
}

func TestWordMatcherShapes(t *testing.T) {
	for _, tc := range []struct {
		re   string
		fast bool
	}{
		{`(?i)\b(product owners?|pos\b|ux team)\b`, true},
		{`\b(ab|c{2,3})\b`, true},
		{`\b(ab+)\b`, false}, // unbounded
		{`(ab)\b`, false},    // no leading \b
		{`\b(1ab)\b`, false}, // starts with a digit
	} {
		re := regexp.MustCompile(tc.re)
		m := newWordMatcher(re)
		if (m.window > 0) != tc.fast {
			t.Errorf("%s: fast path %v, want %v", tc.re, m.window > 0, tc.fast)
		}
		compare(t, re, m, []string{"ab abb ccc cc c POS pos product owner", "1ab ab_ab x-ab", "UX TEAM ux teams product owners"})
	}
}

func FuzzWordMatcher(f *testing.F) {
	for _, s := range append([]string{"Work with the Product Owner and POs", "product marketing managers, UX team", "ſcrum masters"}, quoteSeeds...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		compare(t, roleMention(), roleMentions(), []string{s})
	})
}

func TestPrefixes(t *testing.T) {
	if roleMentions().starts == nil {
		t.Fatal("roleMention has no prefix filter")
	}
	m := newWordMatcher(regexp.MustCompile(`(?i)\b(product owners?|pos\b|ux team|a|b[cd]e)\b`))
	for _, tc := range []struct {
		text string
		want bool
	}{{"product", true}, {"PRoduct", true}, {"prod", true}, {"project", false}, {"pos", true}, {"pxs", false},
		{"ux team", true}, {"UX T", true}, {"ux", false}, {"ux x", false}, {"uy", false}, {"a", true}, {"ax", true},
		{"bce", true}, {"bde", true}, {"bxe", false}, {"q", false}} {
		if got := m.mayStart(tc.text, 0); got != tc.want {
			t.Errorf("mayStart(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	// the two-letter filter only spares lookups: every answer is the lookups' own
	for _, m := range []*wordMatcher{m, roleMentions()} {
		slow := *m
		for a := range slow.pairs {
			slow.pairs[a] = 1<<26 - 1
		}
		const alphabet = "abdehopqrstuvxzAPU .-1"
		var texts []string
		for _, a := range alphabet {
			for _, b := range alphabet {
				for _, c := range []string{"", "s", "od", "oduct", "ad of", "rum", " t", "o", " of"} {
					texts = append(texts, string(a), string(a)+string(b)+c)
				}
			}
		}
		for _, text := range texts {
			if got, want := m.mayStart(text, 0), slow.mayStart(text, 0); got != want {
				t.Errorf("mayStart(%q) = %v, without the pair filter %v", text, got, want)
			}
		}
	}
}

// TestKeySet holds mayStart's table to the map it replaced: the same answers for every
// key of several sets, and for keys around them.
func TestKeySet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 7, 8, 31, 100, 1000} {
		keys := make([]uint32, n)
		want := map[uint32]bool{}
		for i := range keys {
			keys[i] = rng.Uint32()%5000 + 1 // small keys collide in the table
			want[keys[i]] = true
		}
		s := newKeySet(keys)
		for k := uint32(1); k < 6000; k++ {
			if got := s.has(k); got != want[k] {
				t.Fatalf("%d keys: has(%d) = %v, want %v", n, k, got, want[k])
			}
		}
		for _, k := range keys {
			if !s.has(k) {
				t.Fatalf("%d keys: has(%d) = false", n, k)
			}
		}
	}
	var keys []uint32
	for _, p := range []string{"prod", "pos", "ux t", "a", "bce", "bde"} {
		keys = append(keys, packKey(p))
	}
	s := newKeySet(keys)
	for _, w := range []string{"prod", "pos", "ux t", "a", "bce", "bde", "proj", "po", "ux", "b", "bxe", "q", "zzzz"} {
		want := false
		for _, k := range keys {
			want = want || k == packKey(w)
		}
		if got := s.has(packKey(w)); got != want {
			t.Errorf("has(packKey(%q)) = %v, want %v", w, got, want)
		}
	}
}
