package report

import (
	"bufio"
	"encoding/json"
	"io"
	"runtime"
	"sync"

	"github.com/jdlint/jdlint/lint"
)

// JSON report, version 1 (DESIGN.md). Other tools parse these names: keep them.
type jsonReport struct {
	Version int        `json:"version"`
	Tool    jsonTool   `json:"tool"`
	Files   []jsonFile `json:"files"`
	Summary jsonSum    `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonFile struct {
	Path         string        `json:"path"`
	Title        string        `json:"title"`
	TitleRole    string        `json:"title_role"`
	DetectedRole string        `json:"detected_role"`
	POShare      *float64      `json:"po_share"`
	Confidence   float64       `json:"confidence"` // 0..1: how sure detected_role is
	Verdict      string        `json:"verdict"`    // ok, mislabeled, blended, not-product, hybrid, other, untitled, unsupported; "" when not linted
	Evidence     jsonEvidence  `json:"evidence"`
	Findings     []jsonFinding `json:"findings"`
	Notices      []jsonNotice  `json:"notices,omitempty"`
	Error        *string       `json:"error"`
}

type jsonEvidence struct {
	PO     float64 `json:"po"`
	PM     float64 `json:"pm"`
	Shared float64 `json:"shared"` // product work both roles do: vision, roadmap, stakeholders
	Other  float64 `json:"other"`
}

type jsonFinding struct {
	Rule        string   `json:"rule"`
	Severity    string   `json:"severity"`
	Line        int      `json:"line"`
	Column      int      `json:"column"`
	EndLine     int      `json:"end_line"`
	EndColumn   int      `json:"end_column"`
	Message     string   `json:"message"`
	Fingerprint string   `json:"fingerprint,omitempty"`
	Fix         *jsonFix `json:"fix,omitempty"`
}

type jsonFix struct {
	Description string     `json:"description"`
	Safe        bool       `json:"safe"`
	Edits       []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	New   string `json:"new"`
}

type jsonNotice struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// jsonSum is the report's summary; docs/formats.md (JSON report) documents each field.
// Before "file_errors" was added, "errors" counted the files that could not be linted; it
// counts error findings, as its name says, and "file_errors" counts those files.
type jsonSum struct {
	Files          int            `json:"files"`       // files linted or tried
	Findings       int            `json:"findings"`    // findings of every severity
	Errors         int            `json:"errors"`      // findings of severity error
	Warnings       int            `json:"warnings"`    // findings of severity warning
	Infos          int            `json:"infos"`       // findings of severity info
	FileErrors     int            `json:"file_errors"` // files that could not be linted (exit 2)
	ByDetectedRole map[string]int `json:"by_detected_role"`
	ByRule         map[string]int `json:"by_rule"`
}

func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }

// JSON writes the version-1 JSON report: the bytes json.Encoder with a two-space indent
// gives for a jsonReport (TestJSONStreamed), written one file at a time, so that the report
// of a big folder never holds a second copy of every finding, nor the whole text twice.
func JSON(w io.Writer, results []lint.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	tool, err := json.MarshalIndent(jsonTool{Name: "jdlint", Version: opts.Version}, "  ", "  ")
	if err != nil {
		return err
	}
	bw.WriteString("{\n  \"version\": 1,\n  \"tool\": ")
	bw.Write(tool)
	bw.WriteString(",\n  \"files\": [")
	var enc fileEncoder
	for start := 0; start < len(results); start += jsonWindow {
		files, err := enc.encode(results[start:min(start+jsonWindow, len(results))])
		if err != nil {
			return err
		}
		for i, b := range files {
			if start+i > 0 {
				bw.WriteByte(',')
			}
			bw.WriteString("\n    ")
			bw.Write(b)
		}
	}
	if len(results) > 0 {
		bw.WriteString("\n  ")
	}
	sum, err := json.MarshalIndent(jsonSumOf(results), "  ", "  ")
	if err != nil {
		return err
	}
	bw.WriteString("],\n  \"summary\": ")
	bw.Write(sum)
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// jsonWindow is how many files JSON encodes at a time: few enough that a big batch
// is never held encoded whole, enough to share between cores.
const jsonWindow = 64

// fileEncoder encodes the JSON of a window of files (appendJSONFile), on as many
// goroutines as there are processors (GOMAXPROCS) to use, each taking every n-th file: the
// report is written after the linting, when the other cores are idle. Its buffers are
// reused from one window to the next.
type fileEncoder struct {
	out  [][]byte
	errs []error
}

func (e *fileEncoder) encode(results []lint.Result) ([][]byte, error) {
	for len(e.out) < len(results) {
		e.out = append(e.out, nil)
		e.errs = append(e.errs, nil)
	}
	workers := min(runtime.GOMAXPROCS(0), len(results))
	part := func(w int) {
		for i := w; i < len(results); i += workers {
			f := jsonFileOf(results[i])
			var ok bool
			if e.out[i], ok = appendJSONFile(e.out[i][:0], &f); !ok {
				e.out[i], e.errs[i] = json.MarshalIndent(f, "    ", "  ") // its error
			}
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() { part(w) })
	}
	part(0)
	wg.Wait()
	for _, err := range e.errs[:len(results)] {
		if err != nil {
			return nil, err
		}
	}
	return e.out[:len(results)], nil
}

// jsonReportOf builds the whole report in memory (TestJSONStreamed encodes it).
func jsonReportOf(results []lint.Result, opts Options) jsonReport {
	rep := jsonReport{Version: 1, Tool: jsonTool{Name: "jdlint", Version: opts.Version}, Files: []jsonFile{}, Summary: jsonSumOf(results)}
	for _, r := range results {
		rep.Files = append(rep.Files, jsonFileOf(r))
	}
	return rep
}

func jsonFileOf(r lint.Result) jsonFile {
	f := jsonFile{Path: displayPath(r.Path), TitleRole: "none", DetectedRole: "unknown", Findings: []jsonFinding{}}
	if r.Err != nil {
		e := r.Err.Error()
		f.Error = &e
	}
	if p, v := r.Posting, r.Verdict; p != nil && v != nil {
		f.Title, f.TitleRole, f.DetectedRole = p.Title.Text, string(v.Title), string(v.Detected)
		if s := v.POShare; s != nil {
			x := round2(*s)
			f.POShare = &x
		}
		f.Confidence, f.Verdict = round2(v.Confidence), string(r.Outcome())
		ev := v.Evidence
		f.Evidence = jsonEvidence{PO: round2(ev.PO), PM: round2(ev.PM), Shared: round2(ev.Shared), Other: round2(ev.Other)}
	}
	for _, n := range notices(r) {
		f.Notices = append(f.Notices, jsonNotice{Line: n.Span.Line, Column: n.Span.Column, Message: n.Message})
	}
	for _, fd := range r.Findings {
		jf := jsonFinding{Rule: fd.Rule, Severity: fd.Severity.String(), Line: fd.Span.Line, Column: fd.Span.Column,
			EndLine: fd.Span.EndLine, EndColumn: fd.Span.EndColumn, Message: fd.Message, Fingerprint: lint.Fingerprint(r, fd)}
		if fd.Fix != nil {
			jf.Fix = &jsonFix{Description: fd.Fix.Description, Safe: fd.Fix.Safe, Edits: []jsonEdit{}}
			for _, e := range fd.Fix.Edits {
				jf.Fix.Edits = append(jf.Fix.Edits, jsonEdit{Start: e.Start, End: e.End, New: e.New})
			}
		}
		f.Findings = append(f.Findings, jf)
	}
	return f
}

func jsonSumOf(results []lint.Result) jsonSum {
	t := Total(results)
	sum := jsonSum{Files: t.Files, Findings: t.Findings, Errors: t.Errors, Warnings: t.Warnings, Infos: t.Infos,
		FileErrors: t.FileErrors, ByDetectedRole: map[string]int{"PO": 0, "PM": 0, "blended": 0, "other": 0, "unknown": 0}, ByRule: map[string]int{}}
	for k, v := range t.ByDetected {
		sum.ByDetectedRole[string(k)] = v
	}
	for k, v := range t.ByRule {
		sum.ByRule[k] = v
	}
	return sum
}
