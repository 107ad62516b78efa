package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/jdlint/jdlint/rules"
)

// Fingerprint identifies a finding across edits: the rule and the normalised text it points
// at, not its line number, so that lines added above it do not change it.
func Fingerprint(r Result, f rules.Finding) string {
	src := r.Src()
	text := ""
	if f.Span.End <= len(src) && f.Span.Start <= f.Span.End {
		text = strings.Join(strings.Fields(strings.ToLower(string(src[f.Span.Start:f.Span.End]))), " ")
	}
	h := sha256.Sum256([]byte(f.Rule + "\x00" + text))
	return hex.EncodeToString(h[:8])
}
