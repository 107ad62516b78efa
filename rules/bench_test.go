package rules

import (
	"testing"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/verdict"
)

// rewriteHeavy returns the made-up blended postings and the corpus postings with an
// off-role duty, each with its verdict: the postings whose checks rewrite sentences.
func rewriteHeavy(b *testing.B) ([]*nlp.Posting, []verdict.Verdict) {
	b.Helper()
	var ps []*nlp.Posting
	for _, bp := range blendPostings {
		ps = append(ps, parse(b, bp.name, bp.src))
	}
	for _, p := range corpus(b) {
		if len(offRoleSentences(p, other(p.Title.Role))) > 0 {
			ps = append(ps, p)
		}
	}
	vs := make([]verdict.Verdict, len(ps))
	for i, p := range ps {
		vs[i] = verdict.Decide(p, verdict.DefaultThresholds)
	}
	return ps, vs
}

// BenchmarkCheckRewrites runs every rule on the postings whose findings rewrite duties as
// collaboration (role-blended and off-role-duty, which share each sentence's rewrite).
func BenchmarkCheckRewrites(b *testing.B) {
	ps, vs := rewriteHeavy(b)
	Check(ps[0], &vs[0], Config{}) // load the tagger outside the timer
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i, p := range ps {
			Check(p, &vs[i], Config{})
		}
	}
}

// BenchmarkBlendFix computes role-blended's fix alone on the same postings: one rewrite of
// each off-role sentence.
func BenchmarkBlendFix(b *testing.B) {
	ps, _ := rewriteHeavy(b)
	BlendFix(ps[0], other(ps[0].Title.Role))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, p := range ps {
			BlendFix(p, other(p.Title.Role))
		}
	}
}
