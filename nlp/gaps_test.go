package nlp

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// naiveMatch is pattern.match as it was before it remembered failures: every way to skip
// 0..maxGap tokens at every gap is tried.
func naiveMatch(p *pattern, lemmas []string, from int) (int, int, bool) {
	var try func(pi, ti int) (int, bool)
	try = func(pi, ti int) (int, bool) {
		if pi == len(p.words) {
			return ti, true
		}
		if p.words[pi] == nil {
			for g := 0; g <= maxGap && ti+g <= len(lemmas); g++ {
				if end, ok := try(pi+1, ti+g); ok {
					return end, true
				}
			}
			return 0, false
		}
		if ti >= len(lemmas) || !contains(p.words[pi], lemmas[ti]) {
			return 0, false
		}
		return try(pi+1, ti+1)
	}
	end, ok := try(1, from+1)
	return from, end, ok
}

// TestMatchSameAsNaive: remembering failures changes no match, nor where it ends.
func TestMatchSameAsNaive(t *testing.T) {
	words := []string{"own", "the", "backlog", "team", "order"}
	rnd := rand.New(rand.NewPCG(14, 3))
	for i := 0; i < 3000; i++ {
		var ph []string
		for n := 1 + rnd.IntN(6); n > 0; n-- {
			if len(ph) > 0 && rnd.IntN(3) == 0 {
				ph = append(ph, "...")
			}
			w := words[rnd.IntN(len(words))]
			if rnd.IntN(4) == 0 {
				w += "|" + words[rnd.IntN(len(words))]
			}
			ph = append(ph, w)
		}
		p := compilePattern(strings.Join(ph, " "))
		if p.bad != "" || len(p.words) == 0 {
			continue
		}
		lemmas := make([]string, rnd.IntN(30))
		for j := range lemmas {
			lemmas[j] = words[rnd.IntN(len(words))]
		}
		for from := range lemmas {
			if !contains(p.words[0], lemmas[from]) {
				continue
			}
			a1, b1, ok1 := p.match(lemmas, from)
			a2, b2, ok2 := naiveMatch(&p, lemmas, from)
			if a1 != a2 || b1 != b2 || ok1 != ok2 {
				t.Fatalf("%q on %q from %d: got %d,%d,%v, want %d,%d,%v", p.text, lemmas, from, a1, b1, ok1, a2, b2, ok2)
			}
		}
	}
}

// TestMatchManyGaps (issue 14, item 3): a phrase with as many gaps as allowed, every word
// but the last found everywhere, is tried from each of 5,000 words in well under a second of
// CPU time; tried naively it was 5^8 ways from each (10 gaps took 1.7 s on one line, 12 gaps
// 34 s).
func TestMatchManyGaps(t *testing.T) {
	tax, err := Compile([]Category{{ID: "gaps", Role: PO, Phrases: []string{
		"own ... own ... own ... own ... own ... own ... own ... own ... zzz"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &tax.patterns[0]
	if p.gaps != maxPhraseGaps {
		t.Fatalf("%d gaps, want %d", p.gaps, maxPhraseGaps)
	}
	lemmas := strings.Fields(strings.Repeat("own ", 5000))
	done := make(chan bool, 1)
	go func() {
		found := false
		for i := range lemmas {
			_, _, ok := p.match(lemmas, i)
			found = found || ok
		}
		done <- found
	}()
	select {
	case found := <-done:
		if found {
			t.Error("matched a phrase whose last word is not there")
		}
	case <-time.After(time.Minute): // some 50 ms now; days before
		t.Fatal("matching a phrase with 8 gaps took more than a minute: exponential")
	}
}

// TestPhraseBounds: a phrase with more gaps or words than a match can afford is refused
// when compiled, with a message that says why.
func TestPhraseBounds(t *testing.T) {
	for _, tc := range []struct{ phrase, want string }{
		{strings.Repeat("own ... ", 9) + "zzz", "has 9 ... gaps; a phrase may have at most 8"},
		{strings.Repeat("own ", 25), "has 25 words and gaps; a phrase may have at most 24"},
		{strings.Repeat("own ... ", 8) + "zzz", ""},
		{strings.Repeat("own ", 24), ""},
	} {
		_, err := Compile([]Category{{ID: "x", Role: PO, Phrases: []string{tc.phrase}}}, nil)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v", tc.phrase, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%q: %v, want %q", tc.phrase, err, tc.want)
		}
	}
}
