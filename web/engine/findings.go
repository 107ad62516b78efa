package engine

import (
	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/report"
	"github.com/jdlint/jdlint/rules"
)

// Finding is one finding as the page lists it, in the JSON report's order.
type Finding struct {
	Index    int    `json:"index"` // its place in the report; Apply takes it
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Message  string `json:"message"`
	// Start and End locate what it points at in UTF-16 code units, to select it in the editor.
	Start int  `json:"start"`
	End   int  `json:"end"`
	Fix   *Fix `json:"fix,omitempty"`
}

// Fix is a finding's fix with the lines it changes before and after.
type Fix struct {
	Description string `json:"description"`
	Safe        bool   `json:"safe"`
	Hunks       []Hunk `json:"hunks"`
}

// Hunk is a run of whole lines that a fix changes, before and after, cut into pieces so
// that the changed text can be marked; line ends are written as LF.
type Hunk struct {
	Line   int     `json:"line"` // the first line, 1-based
	Before []Piece `json:"before"`
	After  []Piece `json:"after"`
}

// Piece is part of a hunk's text.
type Piece struct {
	Text    string `json:"text"`
	Changed bool   `json:"changed,omitempty"`
}

// findings lists a result's findings with their previews. A preview shows exactly the edits
// that Apply makes: those lint.Fixed keeps for that finding alone.
func findings(r lint.Result, conv *utf16Offsets) []Finding {
	src := r.Src()
	out := []Finding{}
	for i, f := range r.Findings {
		vf := Finding{Index: i, Rule: f.Rule, Severity: f.Severity.String(), Line: f.Span.Line, Column: f.Span.Column,
			Message: f.Message, Start: conv.at(f.Span.Start), End: conv.at(f.Span.End)}
		if f.Fix != nil {
			vf.Fix = &Fix{Description: f.Fix.Description, Safe: f.Fix.Safe, Hunks: hunks(src, lint.MergeEdits(only(r, i), true))}
		}
		out = append(out, vf)
	}
	return out
}

// hunks is the reports' preview of edits (report.EditPreview), as the page draws it.
func hunks(src []byte, edits []rules.Edit) []Hunk {
	out := []Hunk{}
	for _, p := range report.EditPreview(src, edits) {
		h := Hunk{Line: p.Line, Before: []Piece{}, After: []Piece{}}
		for _, sg := range p.Before {
			h.Before = append(h.Before, Piece(sg))
		}
		for _, sg := range p.After {
			h.After = append(h.After, Piece(sg))
		}
		out = append(out, h)
	}
	return out
}
