package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/tabwriter"

	"github.com/jdlint/jdlint/internal/atomicfile"
	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/report"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// Rules lists every rule with its default severity and summary.
func Rules(w io.Writer) int {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tDEFAULT\tFIX\tSUMMARY")
	for _, r := range rules.All() {
		fix := "-"
		switch {
		case strings.HasPrefix(r.Fix, "safe"):
			fix = "safe"
		case strings.HasPrefix(r.Fix, "unsafe"):
			fix = "unsafe"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Default, fix, r.Summary)
	}
	tw.Flush()
	return ExitClean
}

// Explain prints a rule's documentation, its fix and examples, or a topic's explanation
// (evidence: how evidence is collected and weighed).
func Explain(w, errw io.Writer, id string) int {
	if doc, ok := topics[id]; ok {
		fmt.Fprint(w, doc())
		return ExitClean
	}
	r := rules.ByID(id)
	if r == nil {
		warn(errw, fmt.Sprintf("explain %s: no such rule or topic (want one of %s, or %s)", id,
			strings.Join(rules.IDs(), ", "), strings.Join(topicNames(), ", ")))
		return ExitError
	}
	fmt.Fprintf(w, "%s (default: %s)\n\n%s.\n\n%s\n", r.ID, r.Default, capitalize(r.Summary), r.Doc)
	if r.Fix != "" {
		fmt.Fprintf(w, "\nFix: %s\n", r.Fix)
	} else {
		fmt.Fprintf(w, "\nFix: none; the finding needs a human decision.\n")
	}
	for i, ex := range r.Examples {
		fmt.Fprintf(w, "\nExample %d, reported:\n%s\n\nExample %d, fine:\n%s\n", i+1, indent(ex.Bad), i+1, indent(ex.Good))
	}
	fmt.Fprintf(w, "\nSuppress: <!-- jdlint-disable-next-line %s --> on the line before, <!-- jdlint-disable %s --> ... <!-- jdlint-enable %s -->,\n"+
		"or <!-- jdlint-disable-file %s -->. A suppressed sentence still counts toward the posting's profile;\n"+
		"add the pseudo-rule \"evidence\" (<!-- jdlint-disable-next-line %s evidence -->) to take it out of the profile too.\n", r.ID, r.ID, r.ID, r.ID, r.ID)
	return ExitClean
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// TagOptions are the tag command's settings.
type TagOptions struct {
	Config    string // --config
	NoConfig  bool   // --no-config
	NoInline  bool   // --no-inline-config
	StdinName string // --stdin-filename: the name "-" is parsed and configured as
}

// Tag prints each sentence of a posting with its section, tags and evidence: the tool's way
// of showing its reasoning.
func Tag(w, errw io.Writer, stdin io.Reader, path string, o TagOptions) int {
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		warn(errw, err.Error())
		return ExitError
	}
	nopts.NoInlineConfig = o.NoInline
	src, err := lint.NewConfigSource(o.Config, o.NoConfig, nopts, rules.Config{})
	if err != nil {
		warn(errw, err.Error())
		return ExitError
	}
	src.Warn = func(msg string) { warn(errw, msg) }
	name := path
	if path == "-" && o.StdinName != "" {
		name = o.StdinName
	}
	lopts := lint.Options{NLP: nopts}
	src.Apply(&lopts)
	var rcfg rules.Config
	if lopts.Configure != nil {
		if nopts, rcfg, err = lopts.Configure(name); err != nil {
			warn(errw, err.Error())
			return ExitError
		}
	}
	var limit int64
	if lopts.MaxSizeFor != nil {
		limit = lopts.MaxSizeFor(name)
	}
	data, err := lint.ReadFile(path, stdin, limit)
	if err != nil {
		warn(errw, err.Error())
		return ExitError
	}
	p, err := lint.Parse(name, data, nopts)
	if err != nil {
		warn(errw, name+": "+err.Error())
		return ExitError
	}
	// posting text, file names and config vocabulary are escaped (report.Printable): none of
	// them reaches the terminal as an escape sequence or as a line of its own
	fmt.Fprintf(w, "%s\ntitle: %q (from %s) -> title role %s\nlanguage: %s\n", report.Printable(name), p.Title.Text, report.Printable(orNone(p.Title.Source)),
		p.Title.Role, report.Printable(p.Language))
	for _, n := range p.Notices {
		fmt.Fprintf(w, "notice %d:%d: %s\n", n.Span.Line, n.Span.Column, report.Printable(n.Message))
	}
	sec := -1
	for _, s := range p.Sentences {
		if s.Section != sec {
			sec = s.Section
			h := p.Sections[sec]
			fmt.Fprintf(w, "\n[%s] %s\n", h.Kind, report.Printable(orNone(h.Heading)))
		}
		fmt.Fprintf(w, "%4d:%-3d %-9s %s\n", s.Span.Line, s.Span.Column, s.Block, report.Printable(s.Text))
		if s.Counterpart != "" {
			fmt.Fprintf(w, "          counterpart: %s (its evidence is discounted)\n", s.Counterpart)
		}
		for _, t := range s.Tags {
			strong := ""
			if t.Strong {
				strong = " strong"
			}
			fmt.Fprintf(w, "          %-6s %-14s %-22s %.2f%s  %q\n", t.Role, t.Kind, report.Printable(t.Category), t.Weight, strong, t.Phrase)
		}
	}
	v := verdict.Decide(p, rcfg.VerdictThresholds())
	ev := v.Evidence
	fmt.Fprintf(w, "\nevidence: PO %.2f (strong %.2f), PM %.2f (strong %.2f), shared %.2f, other %.2f; PO share %s\n",
		ev.PO, ev.POStrong, ev.PM, ev.PMStrong, ev.Shared, ev.Other, shareText(v.POShare))
	fmt.Fprintf(w, "verdict: body %s (confidence %.2f), outcome %s", v.Detected, v.Confidence, v.Kind)
	if len(v.Reasons) > 0 {
		fmt.Fprintf(w, ": %s", report.Printable(strings.Join(v.Reasons, "; ")))
	}
	fmt.Fprintln(w)
	return ExitClean
}

func shareText(s *float64) string {
	if s == nil {
		return "none (" + report.NoDuties + ")"
	}
	return fmt.Sprintf("%.0f%%", *s*100)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// Init writes a commented starter .jdlint.yml; it refuses to overwrite anything already at
// path (a file, a folder or a symlink, dangling or not), checked atomically as it creates
// the file, which gets mode 0666 less the umask.
func Init(w, errw io.Writer, path string) int {
	if err := atomicfile.Create(path, []byte(lint.StarterConfig)); err != nil {
		if errors.Is(err, fs.ErrExist) {
			warn(errw, fmt.Sprintf("init: %s already exists; not overwritten", path))
		} else {
			warn(errw, fmt.Sprintf("init: write %s: %v", path, unwrapPathError(err)))
		}
		return ExitError
	}
	fmt.Fprintf(w, "wrote %s\n", path)
	return ExitClean
}
