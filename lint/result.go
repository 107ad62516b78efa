package lint

import (
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// NewResult returns the Result of one posting made from given values rather than by Run or
// Check: a report's tests build fixed results with it, so that their expected output does not
// change when the classifier does. src is the file's bytes, which Src returns and the
// findings' spans, the fixes' edits and Fingerprint point into; p and v are nil for a file
// that was not parsed. Err and Skipped can be set on the returned value.
func NewResult(path string, src []byte, p *nlp.Posting, v *verdict.Verdict, findings []rules.Finding) Result {
	return Result{Path: path, Posting: p, Verdict: v, Findings: findings, src: src}
}
