// Package app runs jdlint's commands: it wires lint, rules and report together for main.go,
// which only turns flags into Options.
package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/report"
	"github.com/jdlint/jdlint/rules"
)

// Version is jdlint's version, set at build time with -ldflags "-X ...app.Version=v1.2.3".
var Version = "v0.1.0-dev"

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitError    = 2
)

// UsageError is a bad flag or argument: exit 2.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

// Options are the lint command's settings, one field per flag.
type Options struct {
	Paths         []string
	Format        string
	Outputs       []string // FORMAT=FILE
	FailLevel     string
	Fix, Unsafe   bool
	Diff          bool
	Config        string
	NoConfig      bool
	Enable        []string
	Disable       []string
	Jobs          int
	Color         bool
	Quiet         bool
	Progress      bool // stderr is a terminal
	Baseline      string
	WriteBaseline string
	MaxSize       int64
	Stdin         io.Reader
	Stdout        io.Writer
	Stderr        io.Writer
}

type output struct {
	format report.Formatter
	name   string
	path   string
}

// Lint runs the lint command and returns the exit code.
func Lint(o Options) int {
	code, err := lintRun(o)
	if err != nil {
		fmt.Fprintf(o.Stderr, "jdlint: %v\n", err)
		return ExitError
	}
	return code
}

func lintRun(o Options) (int, error) {
	if len(o.Paths) == 0 {
		return 0, UsageError{errors.New("no paths given (try: jdlint posting.md, jdlint folder/, or - for stdin)")}
	}
	failLevel, err := parseFailLevel(o.FailLevel)
	if err != nil {
		return 0, UsageError{err}
	}
	if o.Diff {
		o.Format = "diff"
	}
	main, err := report.Lookup(o.Format)
	if err != nil {
		return 0, UsageError{err}
	}
	outs := []output{{format: main, name: o.Format}}
	for _, spec := range o.Outputs {
		name, path, ok := strings.Cut(spec, "=")
		if !ok || path == "" {
			return 0, UsageError{fmt.Errorf("--output %q: want FORMAT=FILE", spec)}
		}
		f, err := report.Lookup(name)
		if err != nil {
			return 0, UsageError{fmt.Errorf("--output %s: %w", spec, err)}
		}
		outs = append(outs, output{format: f, name: name, path: path})
	}
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		return 0, err
	}
	rcfg := rules.Config{Severity: map[string]rules.Severity{}, Options: map[string]map[string]any{}}
	for _, id := range o.Disable {
		if rules.ByID(id) == nil {
			return 0, UsageError{fmt.Errorf("--disable %s: unknown rule (want one of %s)", id, strings.Join(rules.IDs(), ", "))}
		}
		rcfg.Severity[id] = rules.Off
	}
	for _, id := range o.Enable {
		r := rules.ByID(id)
		if r == nil {
			return 0, UsageError{fmt.Errorf("--enable %s: unknown rule (want one of %s)", id, strings.Join(rules.IDs(), ", "))}
		}
		rcfg.Severity[id] = r.Default
	}
	src, err := lint.NewConfigSource(o.Config, o.NoConfig, nopts, rcfg)
	if err != nil {
		return 0, err
	}
	lopts := lint.Options{Paths: o.Paths, Stdin: o.Stdin, Jobs: o.Jobs, MaxSize: o.MaxSize, NLP: nopts, Rules: rcfg}
	src.Apply(&lopts)
	done := startProgress(o, &lopts)
	results := lint.Run(lopts)
	done()

	fixErr := false // a file --fix refused or failed to write: exit 2, as for any I/O error
	if o.Fix {
		fixed, errs := lint.ApplyFixes(results, o.Unsafe, o.Stdout)
		fixErr = len(errs) > 0
		for _, e := range errs {
			fmt.Fprintf(o.Stderr, "jdlint: %v\n", e)
		}
		if len(fixed) > 0 {
			// report what is left after fixing
			relint := lopts
			relint.Paths = fixed
			again := lint.Run(relint)
			byPath := map[string]lint.Result{}
			for _, r := range again {
				byPath[r.Path] = r
			}
			for i, r := range results {
				if a, ok := byPath[r.Path]; ok {
					results[i] = a
				}
			}
			if !o.Quiet {
				fmt.Fprintf(o.Stderr, "jdlint: fixed %d file(s)\n", len(fixed))
			}
		}
		if len(o.Paths) == 1 && o.Paths[0] == "-" {
			// the fixed text went to stdout; the exit code reflects what is left in it
			if r := results[0]; r.Posting != nil {
				if out, _, err := lint.Fixed(r, o.Unsafe); err == nil {
					nopts, rcfg := lopts.NLP, lopts.Rules
					if lopts.Configure != nil {
						nopts, rcfg, _ = lopts.Configure("-")
					}
					if p, err := lint.Lint("-", out, nopts, rcfg); err == nil {
						results[0].Posting, results[0].Findings = p, rules.Check(p, rcfg)
					}
				}
			}
			return exitCode(results, failLevel, len(errs) > 0), nil
		}
	}
	if o.Baseline != "" {
		b, err := lint.ReadBaseline(o.Baseline)
		if err != nil {
			return 0, err
		}
		b.Filter(results)
	}
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(o.Stderr, "jdlint: %v\n", r.Err)
		}
	}
	ropts := report.Options{Color: o.Color, Quiet: o.Quiet, Version: Version, Unsafe: o.Unsafe, FailLevel: failLevel,
		Annotations: -1, LinkBase: report.LinkBaseFromEnv()}
	for _, out := range outs {
		if out.name == "github" {
			ropts.Annotations = 0 // the markdown summary says how many annotations GitHub drops
		}
	}
	var firstErr error
	for _, out := range outs {
		if out.path == "" {
			if err := out.format(o.Stdout, results, ropts); err != nil && firstErr == nil {
				firstErr = fmt.Errorf("write %s report: %w", out.name, err)
			}
			continue
		}
		plain := ropts
		plain.Color = false
		if err := writeFileAtomic(out.path, func(w io.Writer) error { return out.format(w, results, plain) }); err != nil && firstErr == nil {
			firstErr = fmt.Errorf("write %s report to %s: %w", out.name, out.path, err)
		}
	}
	if o.WriteBaseline != "" {
		if err := writeFileAtomic(o.WriteBaseline, func(w io.Writer) error { return report.JSON(w, results, ropts) }); err != nil && firstErr == nil {
			firstErr = fmt.Errorf("write baseline %s: %w", o.WriteBaseline, err)
		}
	}
	if firstErr != nil {
		return 0, firstErr
	}
	return exitCode(results, failLevel, fixErr), nil
}

func exitCode(results []lint.Result, failLevel rules.Severity, ioErr bool) int {
	code := lint.ExitCode(results, failLevel)
	if ioErr {
		return ExitError
	}
	return code
}

func parseFailLevel(s string) (rules.Severity, error) {
	if s == "" {
		return rules.Error, nil
	}
	if s == "none" {
		return rules.Off, nil
	}
	sev, err := rules.ParseSeverity(s)
	if err != nil || sev == rules.Off {
		return 0, fmt.Errorf("--fail-level %q: want none, info, warning or error", s)
	}
	return sev, nil
}

// writeFileAtomic writes a report through a temporary file in the same folder, so a reader
// never sees half a report. "-" writes to stdout is not supported here.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".jdlint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// GITHUB_STEP_SUMMARY is appended to by other steps: append rather than replace
	if strings.HasSuffix(path, "step_summary") || os.Getenv("GITHUB_STEP_SUMMARY") == path {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		if _, err := f.Write(buf.Bytes()); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	return os.Rename(tmp.Name(), path)
}

// startProgress starts a progress bar on stderr for big folders; it returns a func that
// ends it. Implemented in progress.go.
func startProgress(o Options, lopts *lint.Options) func() { return progress(o, lopts) }
