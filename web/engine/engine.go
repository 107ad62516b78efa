// Package engine is what the web page asks of jdlint. It lints one posting held in memory
// with the CLI's own entry point (lint.Check, with nlp.DefaultOptions and the default rules
// config), formats the CLI's version-1 JSON report for it (report.JSON), and adds what the
// page draws and nothing it decides: the verdict in plain words, the posting cut into
// sentences tinted by the role their evidence names, and each fix as a before/after preview.
// Applying fixes goes through lint.Fixed, the function behind `jdlint --fix`.
//
// It is plain Go, tested natively; web/wasm only hands its values to JavaScript as JSON.
package engine

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/report"
	"github.com/jdlint/jdlint/rules"
)

// MaxSize is the largest posting the page lints, the CLI's default limit.
const MaxSize = lint.DefaultMaxSize

// Engine lints postings with the default taxonomy and rules, as `jdlint --no-config` does.
// It is safe for use by one goroutine at a time; the page has one.
type Engine struct {
	nopts   nlp.Options
	rcfg    rules.Config
	version string
}

// New returns an Engine whose reports name version as jdlint's version.
func New(version string) (*Engine, error) {
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		return nil, err
	}
	// the config the CLI builds when no .jdlint.yml applies (internal/app)
	rcfg := rules.Config{Severity: map[string]rules.Severity{}}
	return &Engine{nopts: nopts, rcfg: rcfg, version: version}, nil
}

// View is everything the page shows for one posting.
type View struct {
	// Report is the CLI's JSON report (`jdlint --format json`) for this posting alone.
	Report   json.RawMessage `json:"report"`
	Verdict  *Card           `json:"verdict,omitempty"` // nil when the posting could not be linted
	Segments []Segment       `json:"segments"`          // the whole text, in order
	Findings []Finding       `json:"findings"`
	Notices  []Notice        `json:"notices"`
	// SafeEdits is how many edits "Apply all safe fixes" would make (`jdlint --fix`).
	SafeEdits int `json:"safe_edits"`
	// Error says why the posting could not be linted ("" when it was).
	Error string `json:"error,omitempty"`
}

// Notice is a problem with the input that did not stop the lint, as the JSON report has it.
type Notice struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// Applied is the text after fixes were applied.
type Applied struct {
	Text  string `json:"text"`
	Edits int    `json:"edits"` // edits made; 0 when there was nothing to apply
}

// check lints one posting as the CLI does for a file of that name.
func (e *Engine) check(name string, src []byte) (lint.Result, error) {
	if len(src) > MaxSize {
		return lint.Result{}, fmt.Errorf("the posting is larger than the %d MiB limit", MaxSize>>20)
	}
	return lint.Check(name, src, e.nopts, e.rcfg), nil
}

// Lint lints src as a file called name (its extension picks Markdown or plain text) and
// returns what the page shows.
func (e *Engine) Lint(name string, src []byte) View {
	v := View{Segments: []Segment{}, Findings: []Finding{}, Notices: []Notice{}}
	r, err := e.check(name, src)
	if err != nil {
		v.Error = err.Error()
		v.Segments = plain(src)
		return v
	}
	var buf bytes.Buffer
	if err := report.JSON(&buf, []lint.Result{r}, report.Options{Version: e.version}); err != nil {
		v.Error = err.Error()
		return v
	}
	v.Report = json.RawMessage(bytes.TrimSpace(buf.Bytes()))
	v.Notices = noticesOf(buf.Bytes())
	conv := newUTF16(src)
	switch {
	case r.Err != nil:
		v.Error = r.Err.Error()
	case r.Skipped != "":
		v.Error = r.Skipped
	}
	if r.Posting == nil || r.Verdict == nil {
		v.Segments = plain(src)
		return v
	}
	v.Verdict = card(&r)
	v.Segments = segments(r.Posting, src, conv)
	v.Findings = findings(r, conv)
	if safe := lint.MergeEdits(r, false); len(safe) > 0 {
		v.SafeEdits = len(safe)
	}
	return v
}

// ErrNoFix is returned by Apply for a finding that has no fix.
var ErrNoFix = errors.New("this finding has no fix")

// Apply applies the fix of the finding at index (in the order Lint returns them) to src,
// as `jdlint --fix --unsafe-fixes` would apply that finding's fix alone: the person chose
// it after seeing its preview, so an unsafe fix is applied too.
func (e *Engine) Apply(name string, src []byte, index int) (Applied, error) {
	r, err := e.check(name, src)
	if err != nil {
		return Applied{}, err
	}
	if r.Posting == nil || r.Err != nil {
		return Applied{}, errors.New("the posting could not be linted")
	}
	if index < 0 || index >= len(r.Findings) {
		return Applied{}, fmt.Errorf("no finding %d: the posting has %d", index, len(r.Findings))
	}
	if r.Findings[index].Fix == nil {
		return Applied{}, ErrNoFix
	}
	out, n, err := lint.Fixed(only(r, index), true)
	if err != nil {
		return Applied{}, err
	}
	return Applied{Text: string(out), Edits: n}, nil
}

// ApplySafe applies every safe fix, as `jdlint --fix` does.
func (e *Engine) ApplySafe(name string, src []byte) (Applied, error) {
	r, err := e.check(name, src)
	if err != nil {
		return Applied{}, err
	}
	out, n, err := lint.Fixed(r, false)
	if err != nil {
		return Applied{}, err
	}
	return Applied{Text: string(out), Edits: n}, nil
}

// only returns r with the finding at index alone, for applying or previewing its fix.
func only(r lint.Result, index int) lint.Result {
	r.Findings = []rules.Finding{r.Findings[index]}
	return r
}

// noticesOf reads the notices of the only file of a JSON report, so that the page shows
// exactly what the report says.
func noticesOf(rep []byte) []Notice {
	var doc struct {
		Files []struct {
			Notices []Notice `json:"notices"`
		} `json:"files"`
	}
	out := []Notice{}
	if json.Unmarshal(rep, &doc) == nil && len(doc.Files) == 1 && doc.Files[0].Notices != nil {
		out = doc.Files[0].Notices
	}
	return out
}
