package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/rules"
)

// SARIF constants GitHub code scanning expects.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	// InformationURI is jdlint's home page, named in SARIF reports.
	InformationURI = "https://github.com/jdlint/jdlint"
	// FingerprintKey names jdlint's fingerprint in SARIF partialFingerprints.
	FingerprintKey = "jdlint/v1"
)

// The SARIF 2.1.0 subset jdlint writes. Field order is output order.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifHelp          `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               *int                  `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifText            `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifByteRegion `json:"deletedRegion"`
	InsertedContent *sarifText      `json:"insertedContent,omitempty"`
}

type sarifByteRegion struct {
	ByteOffset int `json:"byteOffset"`
	ByteLength int `json:"byteLength"`
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	case rules.Info:
		return "note"
	}
	return "none"
}

// SARIF writes a SARIF 2.1.0 log that GitHub code scanning accepts: one run, every rule in
// rules.All() order (results point at them by ruleIndex), one result per finding with its
// region (columns in Unicode code points, end column exclusive), its fix as byte-offset
// replacements and a partial fingerprint that survives edits elsewhere in the file. Files
// that could not be linted are tool execution notifications.
func SARIF(w io.Writer, results []lint.Result, opts Options) error {
	all := rules.All()
	index := map[string]int{}
	driver := sarifDriver{Name: "jdlint", Version: opts.Version, InformationURI: InformationURI, Rules: []sarifRule{}}
	if v := strings.TrimPrefix(opts.Version, "v"); v != "" && v[0] >= '0' && v[0] <= '9' {
		driver.SemanticVersion = v
	}
	for i, r := range all {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(r))
	}
	cwd, _ := os.Getwd()
	inv := sarifInvocation{ExecutionSuccessful: true}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, r := range results {
		uri := sarifURI(cwd, r.Path)
		if r.Err != nil {
			inv.ExecutionSuccessful = false
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "error",
				Message: sarifText{r.Err.Error()}, Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{uri}}}}})
		}
		for _, n := range notices(r) {
			inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "note",
				Message: sarifText{n.Message}, Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{
					ArtifactLocation: sarifArtifactLocation{uri}, Region: sarifRegionOf(n.Span.Line, n.Span.Column, n.Span.EndLine, n.Span.EndColumn)}}}})
		}
		for _, f := range r.Findings {
			i, ok := index[f.Rule]
			if !ok {
				return fmt.Errorf("sarif: finding of unknown rule %q", f.Rule)
			}
			res := sarifResult{RuleID: f.Rule, RuleIndex: i, Level: sarifLevel(f.Severity), Message: sarifText{f.Message},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{uri},
					Region: sarifRegionOf(f.Span.Line, f.Span.Column, f.Span.EndLine, f.Span.EndColumn)}}},
				PartialFingerprints: map[string]string{FingerprintKey: lint.Fingerprint(r, f)}}
			for k, e := range f.Evidence {
				if e.Span == f.Span || k >= 20 {
					continue
				}
				id := len(res.RelatedLocations) + 1
				what := "evidence"
				if e.Role != "" {
					what = "evidence: " + e.Role.Name() + " work"
				}
				res.RelatedLocations = append(res.RelatedLocations, sarifLocation{ID: &id,
					PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{uri},
						Region: sarifRegionOf(e.Line, e.Column, e.EndLine, e.EndColumn)},
					Message: &sarifText{what}})
			}
			if f.Fix != nil && len(f.Fix.Edits) > 0 {
				change := sarifArtifactChange{ArtifactLocation: sarifArtifactLocation{uri}}
				for _, e := range f.Fix.Edits {
					rep := sarifReplacement{DeletedRegion: sarifByteRegion{ByteOffset: e.Start, ByteLength: e.End - e.Start}}
					if e.New != "" {
						rep.InsertedContent = &sarifText{e.New}
					}
					change.Replacements = append(change.Replacements, rep)
				}
				desc := f.Fix.Description
				if !f.Fix.Safe {
					desc += " (unsafe: review before applying)"
				}
				res.Fixes = []sarifFix{{Description: sarifText{desc}, ArtifactChanges: []sarifArtifactChange{change}}}
			}
			run.Results = append(run.Results, res)
		}
	}
	run.Invocations = []sarifInvocation{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifRegionOf converts jdlint's inclusive end column to SARIF's exclusive one; nil when
// the position is unknown.
func sarifRegionOf(line, col, endLine, endCol int) *sarifRegion {
	if line <= 0 {
		return nil
	}
	r := &sarifRegion{StartLine: line, StartColumn: max(col, 1), EndLine: max(endLine, line)}
	if endCol > 0 {
		r.EndColumn = endCol + 1
	} else if r.EndLine == line {
		r.EndColumn = r.StartColumn + 1
	}
	return r
}

// sarifRuleOf describes a rule for the driver's rules array.
func sarifRuleOf(r *rules.Rule) sarifRule {
	doc := strings.TrimSpace(r.Doc)
	help := doc
	md := "**" + capitalizeFirst(r.Summary) + ".**\n\n" + doc
	if r.Fix != "" {
		help += "\n\nFix: " + r.Fix
		md += "\n\n**Fix:** " + r.Fix
	} else {
		help += "\n\nFix: none; the finding needs a human decision."
	}
	for i, ex := range r.Examples {
		help += fmt.Sprintf("\n\nExample %d, reported:\n%s\n\nExample %d, fine:\n%s", i+1, ex.Bad, i+1, ex.Good)
		md += fmt.Sprintf("\n\nExample %d, reported:\n\n```\n%s\n```\n\nFine:\n\n```\n%s\n```", i+1, ex.Bad, ex.Good)
	}
	help += "\n\nMore: jdlint explain " + r.ID
	md += "\n\nMore: `jdlint explain " + r.ID + "`"
	return sarifRule{
		ID: r.ID, Name: ruleName(r.ID),
		ShortDescription:     sarifText{capitalizeFirst(r.Summary)},
		FullDescription:      sarifText{strings.Join(strings.Fields(firstParagraph(doc)), " ")},
		Help:                 sarifHelp{Text: help, Markdown: md},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Default)},
		Properties:           sarifRuleProps{Tags: []string{"job-posting", "product-roles"}},
	}
}

// ruleName turns "role-mislabeled" into "RoleMislabeled", SARIF's style of rule name.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		b.WriteString(capitalizeFirst(part))
	}
	return b.String()
}

func capitalizeFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func firstParagraph(s string) string {
	if i := strings.Index(s, "\n\n"); i >= 0 {
		return s[:i]
	}
	return s
}

// sarifURI names a file as a URI reference relative to cwd with forward slashes, or a file
// URI when it lies outside cwd.
func sarifURI(cwd, path string) string {
	if path == "-" {
		return "stdin"
	}
	abs, err := filepath.Abs(path)
	if err == nil && cwd != "" {
		if rel, err := filepath.Rel(cwd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return escapeURIPath(filepath.ToSlash(rel))
		}
	}
	if err != nil {
		return escapeURIPath(filepath.ToSlash(path))
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x -> /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// escapeURIPath percent-encodes each segment of a slash-separated path, colons included so
// that a relative reference never reads as a scheme.
func escapeURIPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}
