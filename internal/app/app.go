// Package app runs jdlint's commands: it wires lint, rules and report together for main.go,
// which only turns flags into Options.
package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/jdlint/jdlint/internal/atomicfile"
	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/report"
	"github.com/jdlint/jdlint/rules"
)

// Version is jdlint's version. Release builds set it with
// -ldflags "-X github.com/jdlint/jdlint/internal/app.Version=v1.2.3" (see .goreleaser.yaml).
var Version = "v0.1.0-dev"

// pseudoVersion matches the version Go gives a build of an untagged commit
// (v0.0.0-20260102150405-0123456789ab), capturing the commit.
var pseudoVersion = regexp.MustCompile(`[.-]\d{14}-([0-9a-f]{12})(\+|$)`)

// VersionString is the version `jdlint --version` prints and reports carry: Version when a
// release build set it; otherwise the module version `go install module@version` recorded,
// or Version with the commit a build from a clone was made from.
func VersionString() string {
	if !strings.HasSuffix(Version, "-dev") {
		return Version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return Version
	}
	v := info.Main.Version
	if v != "" && v != "(devel)" && !strings.Contains(v, "+") && !pseudoVersion.MatchString(v) {
		return v // go install github.com/jdlint/jdlint@v1.2.3
	}
	var rev, modified string
	if m := pseudoVersion.FindStringSubmatch(v); m != nil {
		rev = m[1]
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if len(rev) >= 12 {
		return fmt.Sprintf("%s (commit %s%s)", Version, rev[:12], modified)
	}
	return Version
}

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
	Paths []string
	// Format is the report on stdout; empty means text, or the one --output names with
	// FILE "-".
	Format        string
	Outputs       []string // FORMAT=FILE; FILE "-" is stdout
	Appends       []string // FORMAT=FILE: reports appended to FILE (--append), not replacing it
	FailLevel     string
	Fix, Unsafe   bool
	Diff          bool
	Config        string
	NoConfig      bool
	PrintConfig   string // --print-config FILE: print the config that applies to FILE and stop
	NoInline      bool   // --no-inline-config: inline jdlint directives turn nothing off
	Enable        []string
	Disable       []string
	Jobs          int
	Color         bool
	Quiet         bool
	Progress      bool // stderr is a terminal
	Baseline      string
	WriteBaseline string
	MaxSize       int64  // 0: max_size from the config, else lint.DefaultMaxSize
	StdinName     string // --stdin-filename: the name "-" is parsed, configured and reported as
	Stdin         io.Reader
	Stdout        io.Writer
	Stderr        io.Writer
}

type output struct {
	format report.Formatter
	name   string
	path   string
	append bool // --append: add to the file, as for $GITHUB_STEP_SUMMARY
}

// Lint runs the lint command and returns the exit code.
func Lint(o Options) int {
	code, err := lintRun(o)
	var ue UsageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(o.Stderr, "jdlint: %s\n%s\n", report.Printable(ue.Err.Error()), usageHint)
		return ExitError
	case err != nil:
		warn(o.Stderr, err.Error())
		return ExitError
	}
	return code
}

func lintRun(o Options) (int, error) {
	if o.PrintConfig != "" {
		return printConfig(o)
	}
	pl, err := plan(&o)
	if err != nil {
		return 0, err
	}
	lopts, err := driverOptions(o)
	if err != nil {
		return 0, err
	}
	done := startProgress(o, &lopts)
	results := lint.Run(lopts)
	done()
	// from here on files are written: an interrupt removes the temporary files first
	defer atomicfile.CatchSignals()()

	fixErr := false // a file --fix refused or failed to write: exit 2, as for any I/O error
	if o.Fix {
		fixErr = fix(o, lopts, results)
		if pl.stdinOnly {
			printFileErrors(o.Stderr, results, collapseConfigErrors(results))
			return exitCode(results, pl.failLevel, fixErr), nil
		}
	}
	shared := collapseConfigErrors(results)
	if o.StdinName != "" {
		for i := range results {
			if results[i].Path == "-" {
				results[i].Path = o.StdinName
			}
		}
	}
	if err := applyBaseline(o, results); err != nil {
		return 0, err
	}
	printFileErrors(o.Stderr, results, shared)
	if err := emit(o, pl, results); err != nil {
		return 0, err
	}
	return finalCode(o, pl, results, fixErr), nil
}

// runPlan is what lintRun decided from the flags before linting.
type runPlan struct {
	failLevel rules.Severity
	outs      []output
	stdinOnly bool // the only path is "-": --fix prints the fixed text on stdout
}

// plan checks the flags against each other and settles what the run will do. It may turn
// --fix off (a diff report wins, as in ruff) and says so on stderr.
func plan(o *Options) (runPlan, error) {
	var pl runPlan
	if len(o.Paths) == 0 {
		return pl, UsageError{errors.New("no paths given (try: jdlint posting.md, jdlint folder/, or - for stdin)")}
	}
	if o.StdinName != "" && !slices.Contains(o.Paths, "-") {
		return pl, UsageError{errors.New("--stdin-filename names stdin: give - as a path")}
	}
	if o.Jobs < 0 {
		return pl, UsageError{fmt.Errorf("--jobs %d: want how many files to lint at once (0: one per core)", o.Jobs)}
	}
	var err error
	if pl.failLevel, err = parseFailLevel(o.FailLevel); err != nil {
		return pl, UsageError{err}
	}
	if pl.outs, err = reports(*o); err != nil {
		return pl, UsageError{err}
	}
	pl.stdinOnly = len(o.Paths) == 1 && o.Paths[0] == "-"
	if o.Fix && hasReport(pl.outs, "diff") {
		// as in ruff: a diff shows the fixes and changes nothing, whatever else is asked
		o.Fix = false
		fmt.Fprintln(o.Stderr, "jdlint: --fix ignored: a diff report (--diff) shows the fixes and changes nothing")
	}
	if o.Fix && pl.stdinOnly && len(o.Outputs) > 0 {
		for _, out := range pl.outs[1:] {
			if out.path == "" {
				return pl, UsageError{fmt.Errorf("--fix - prints the fixed text on stdout: --output %s=- cannot go there too", out.name)}
			}
		}
	}
	if o.Unsafe && !o.Fix && !hasReport(pl.outs, "diff") && !hasReport(pl.outs, "markdown") {
		fmt.Fprintln(o.Stderr, "jdlint: --unsafe-fixes does nothing without --fix or --diff (or a markdown report, where it previews them)")
	}
	return pl, nil
}

// driverOptions builds the lint driver's options: the base config, the config files and the
// per-file configuration.
func driverOptions(o Options) (lint.Options, error) {
	nopts, rcfg, err := baseConfig(o)
	if err != nil {
		return lint.Options{}, err
	}
	src, err := newConfigSource(o, nopts, rcfg)
	if err != nil {
		return lint.Options{}, err
	}
	lopts := lint.Options{Paths: o.Paths, Stdin: o.Stdin, Jobs: o.Jobs, MaxSize: o.MaxSize, NLP: nopts, Rules: rcfg}
	lopts.OnSkip = func(path, why string) { warn(o.Stderr, report.QuotePath(shownPath(path))+": "+why) } // a FIFO or device in a folder
	src.Apply(&lopts)
	configurePerFile(&lopts, o.StdinName)
	return lopts, nil
}

// fix applies the fixes (--fix), then re-lints what changed so that reports and the exit
// code say what is left. For stdin the fixed text goes to stdout. It reports whether a file
// was refused or could not be written.
func fix(o Options, lopts lint.Options, results []lint.Result) (failed bool) {
	fixed, errs := lint.ApplyFixes(results, o.Unsafe, o.Stdout)
	for _, e := range errs {
		warn(o.Stderr, e.Error())
	}
	if len(fixed) > 0 {
		relint := lopts
		relint.Paths = fixed
		byPath := map[string]lint.Result{}
		for _, r := range lint.Run(relint) {
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
	if len(o.Paths) == 1 && o.Paths[0] == "-" && results[0].Posting != nil {
		// the fixed text went to stdout; the exit code reflects what is left in it
		if out, _, err := lint.Fixed(results[0], o.Unsafe); err == nil {
			nopts, rcfg, cerr := lopts.Configure("-")
			switch fr := lint.Check("-", out, nopts, rcfg); {
			case cerr != nil:
				results[0].Err = cerr
			case fr.Posting != nil || fr.Err != nil:
				results[0] = fr // the same pipeline, panic guard included
			}
		}
	}
	return len(errs) > 0
}

// applyBaseline hides the findings a --baseline file accepts and says how many.
func applyBaseline(o Options, results []lint.Result) error {
	if o.Baseline == "" {
		return nil
	}
	b, err := lint.ReadBaseline(o.Baseline)
	if err != nil {
		return err
	}
	hidden := b.Filter(results)
	if !o.Quiet {
		warn(o.Stderr, fmt.Sprintf("baseline %s hid %s", o.Baseline, plural(hidden, "accepted finding")))
	}
	return nil
}

// emit writes every report (stdout and --output files) and the --write-baseline file. It
// returns the first write error; every report is still tried.
func emit(o Options, pl runPlan, results []lint.Result) error {
	ropts := report.Options{Color: o.Color, Quiet: o.Quiet, Version: VersionString(), Unsafe: o.Unsafe, FailLevel: pl.failLevel,
		Annotations: -1, LinkBase: report.LinkBaseFromEnv()}
	if hasReport(pl.outs, "github") {
		ropts.Annotations = 0 // the markdown summary says how many annotations GitHub drops
	}
	var firstErr error
	keep := func(err error) {
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	for _, out := range pl.outs {
		if out.path == "" {
			if err := out.format(o.Stdout, results, ropts); err != nil {
				keep(fmt.Errorf("write %s report: %w", out.name, err))
			}
			continue
		}
		plain := ropts
		plain.Color = false
		write, verb := atomicfile.WriteFile, "write"
		if out.append {
			write, verb = atomicfile.Append, "append"
		}
		if err := writeReport(out.path, write, func(w io.Writer) error { return out.format(w, results, plain) }); err != nil {
			keep(fmt.Errorf("%s %s report to %s: %w", verb, out.name, out.path, err))
		}
	}
	if o.WriteBaseline != "" {
		err := writeReport(o.WriteBaseline, atomicfile.WriteFile, func(w io.Writer) error { return report.JSON(w, results, ropts) })
		if err != nil {
			keep(fmt.Errorf("write baseline %s: %w", o.WriteBaseline, err))
		} else if !o.Quiet {
			t := report.Total(results)
			warn(o.Stderr, fmt.Sprintf("wrote baseline %s: %s in %s", o.WriteBaseline, plural(t.Findings, "finding"), plural(t.Files, "file")))
		}
	}
	return firstErr
}

// finalCode is the exit code: 2 for a file that could not be linted or fixed, 1 for a
// finding at or above the fail level, else 0. Writing a baseline accepts today's findings,
// so it succeeds unless a file could not be linted (its findings are missing from it).
func finalCode(o Options, pl runPlan, results []lint.Result, fixErr bool) int {
	if o.WriteBaseline != "" && !fixErr {
		if lint.ExitCode(results, rules.Off) == ExitError {
			return ExitError
		}
		return ExitClean
	}
	return exitCode(results, pl.failLevel, fixErr)
}

func baseConfig(o Options) (nlp.Options, rules.Config, error) {
	nopts, err := nlp.DefaultOptions()
	if err != nil {
		return nopts, rules.Config{}, err
	}
	nopts.NoInlineConfig = o.NoInline
	rcfg := rules.Config{Severity: map[string]rules.Severity{}}
	for _, id := range o.Disable {
		if rules.ByID(id) == nil {
			return nopts, rcfg, UsageError{fmt.Errorf("--disable %s: unknown rule (want one of %s)", id, strings.Join(rules.IDs(), ", "))}
		}
		if slices.Contains(o.Enable, id) {
			return nopts, rcfg, UsageError{fmt.Errorf("--enable %s and --disable %s: give one", id, id)}
		}
		rcfg.Severity[id] = rules.Off
	}
	for _, id := range o.Enable {
		r := rules.ByID(id)
		if r == nil {
			return nopts, rcfg, UsageError{fmt.Errorf("--enable %s: unknown rule (want one of %s)", id, strings.Join(rules.IDs(), ", "))}
		}
		rcfg.Severity[id] = r.Default
	}
	return nopts, rcfg, nil
}

// newConfigSource prepares the config lookup for o: a config file passed over because
// another user owns it is named once on stderr.
func newConfigSource(o Options, nopts nlp.Options, rcfg rules.Config) (*lint.ConfigSource, error) {
	src, err := lint.NewConfigSource(o.Config, o.NoConfig, nopts, rcfg)
	if err != nil {
		return nil, err
	}
	src.Warn = func(msg string) { warn(o.Stderr, msg) }
	return src, nil
}

// printConfig prints the configuration that applies to o.PrintConfig (--print-config): the
// file it comes from, the files passed over, and the merged settings as a config file.
func printConfig(o Options) (int, error) {
	if len(o.Paths) > 0 {
		return 0, UsageError{fmt.Errorf("--print-config %s prints one posting's config: give no other paths (got %s)", o.PrintConfig, o.Paths[0])}
	}
	if o.Fix || o.Diff || len(o.Outputs) > 0 || len(o.Appends) > 0 || o.Baseline != "" || o.WriteBaseline != "" {
		return 0, UsageError{fmt.Errorf("--print-config %s only prints the config: leave out --fix, --diff, --output, --append and the baseline flags", o.PrintConfig)}
	}
	nopts, rcfg, err := baseConfig(o)
	if err != nil {
		return 0, err
	}
	src, err := newConfigSource(o, nopts, rcfg)
	if err != nil {
		return 0, err
	}
	name := o.PrintConfig
	if name == "-" && o.StdinName != "" {
		name = o.StdinName
	}
	a, err := src.Applied(name, o.MaxSize, !o.NoInline)
	if err != nil {
		return 0, err
	}
	if err := a.WriteYAML(o.Stdout); err != nil {
		return 0, fmt.Errorf("write config: %w", err)
	}
	return ExitClean, nil
}

// reports resolves --format, --diff and --output into the reports to write; the first
// goes to stdout, and so does any other with path "".
func reports(o Options) ([]output, error) {
	format := o.Format
	if o.Diff {
		if format != "" && format != "diff" {
			return nil, fmt.Errorf("--diff and --format %s: both name the report on stdout; give one", format)
		}
		format = "diff"
	}
	var files []output
	var stdout *output
	for _, spec := range o.Outputs {
		name, path, ok := strings.Cut(spec, "=")
		if !ok || path == "" {
			return nil, fmt.Errorf("--output %q: want FORMAT=FILE (FILE - for stdout)", spec)
		}
		f, err := report.Lookup(name)
		if err != nil {
			return nil, fmt.Errorf("--output %s: %w", spec, err)
		}
		if path != "-" {
			files = append(files, output{format: f, name: name, path: path})
			continue
		}
		switch {
		case stdout != nil:
			return nil, fmt.Errorf("--output %s=- and --output %s: only one report can go to stdout", stdout.name, spec)
		case o.Diff:
			return nil, fmt.Errorf("--diff and --output %s: both write to stdout; give one", spec)
		case format != "":
			return nil, fmt.Errorf("--format %s and --output %s: both write to stdout; give one", format, spec)
		}
		stdout = &output{format: f, name: name}
	}
	for _, spec := range o.Appends {
		name, path, ok := strings.Cut(spec, "=")
		if !ok || path == "" || path == "-" {
			return nil, fmt.Errorf("--append %q: want FORMAT=FILE (a file to add the report to; stdout is --output FORMAT=-)", spec)
		}
		f, err := report.Lookup(name)
		if err != nil {
			return nil, fmt.Errorf("--append %s: %w", spec, err)
		}
		files = append(files, output{format: f, name: name, path: path, append: true})
	}
	if stdout == nil {
		if format == "" {
			format = "text"
		}
		f, err := report.Lookup(format)
		if err != nil {
			return nil, err
		}
		stdout = &output{format: f, name: format}
	}
	return append([]output{*stdout}, files...), nil
}

// hasReport reports whether one of outs is in the named format.
func hasReport(outs []output, name string) bool {
	for _, out := range outs {
		if out.name == name || name == "markdown" && out.name == "md" {
			return true
		}
	}
	return false
}

// shownPath is a path as the reports show it.
func shownPath(p string) string {
	if p == "-" {
		return "<stdin>"
	}
	return filepath.ToSlash(p)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// configurePerFile wraps the per-file configuration hooks of lopts: a config error is
// marked as one (configError) so that it can be reported once for all the postings it
// stopped, and with --stdin-filename the posting read from stdin ("-") is configured,
// size-limited and parsed (Markdown, or text for .txt and .text) as stdinName.
func configurePerFile(lopts *lint.Options, stdinName string) {
	configure, base, baseRules := lopts.Configure, lopts.NLP, lopts.Rules
	lopts.Configure = func(path string) (nlp.Options, rules.Config, error) {
		name := path
		if path == "-" && stdinName != "" {
			name = stdinName
		}
		nopts, rcfg := base, baseRules
		if configure != nil {
			var err error
			if nopts, rcfg, err = configure(name); err != nil {
				return nopts, rcfg, configError{err}
			}
		}
		if name != path && nopts.Markdown == nil {
			// the rule nlp.Parse applies to a file's extension
			ext := strings.ToLower(filepath.Ext(name))
			md := ext != ".txt" && ext != ".text"
			nopts.Markdown = &md
		}
		return nopts, rcfg, nil
	}
	if maxFor := lopts.MaxSizeFor; maxFor != nil && stdinName != "" {
		lopts.MaxSizeFor = func(path string) int64 {
			if path == "-" {
				path = stdinName
			}
			return maxFor(path)
		}
	}
}

// configError is a posting's config that could not be loaded.
type configError struct{ err error }

func (e configError) Error() string { return e.err.Error() }
func (e configError) Unwrap() error { return e.err }

// configRef stands for a configError already reported with another posting.
type configRef struct {
	config string // the config file, when known
	first  string // the posting that carries the full error
}

func (e configRef) Error() string {
	if e.config != "" {
		return fmt.Sprintf("not linted: %s has an error (reported for %s)", e.config, e.first)
	}
	return fmt.Sprintf("not linted: the config error reported for %s", e.first)
}

// collapseConfigErrors makes a broken config show once in every report: the first posting
// it stopped keeps the full error, the others get a configRef to it. It returns the number
// of postings each kept error stopped, by message.
func collapseConfigErrors(results []lint.Result) map[string]int {
	first := map[string]int{}
	count := map[string]int{}
	for i := range results {
		var ce configError
		if !errors.As(results[i].Err, &ce) {
			continue
		}
		msg := ce.Error()
		count[msg]++
		j, seen := first[msg]
		if !seen {
			first[msg] = i
			continue
		}
		ref := configRef{first: shownPath(results[j].Path)}
		var cfe *lint.ConfigError
		if errors.As(ce.err, &cfe) {
			ref.config = cfe.File
		}
		results[i].Err = ref
	}
	return count
}

// printFileErrors writes one line on stderr for each file that could not be linted, and one
// for each broken config whatever the number of postings it stopped.
func printFileErrors(w io.Writer, results []lint.Result, shared map[string]int) {
	for _, r := range results {
		if r.Err == nil {
			continue
		}
		var ref configRef
		if errors.As(r.Err, &ref) {
			continue
		}
		msg := r.Err.Error()
		var ce configError
		if errors.As(r.Err, &ce) && shared[ce.Error()] > 1 {
			msg += fmt.Sprintf(" (%d postings not linted)", shared[ce.Error()])
		}
		warn(w, msg)
	}
}

// warn writes one "jdlint: ..." line on stderr. The message may hold file names and posting
// text (error messages quote them), so its control characters are escaped: nothing in it can
// reach the terminal as an escape sequence or start a line of its own (a forged result, or a
// workflow command in GitHub Actions).
func warn(w io.Writer, msg string) {
	fmt.Fprintf(w, "jdlint: %s\n", report.Printable(msg))
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

// writeReport renders a report in memory, then writes it with write (atomicfile.WriteFile,
// or atomicfile.Append for --append): a report that fails to render leaves the file alone.
func writeReport(path string, write func(string, []byte) error, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	return unwrapPathError(write(path, buf.Bytes()))
}

// unwrapPathError drops an *fs.PathError's operation and path from err: the messages that
// carry it name the file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// startProgress starts a progress bar on stderr for big folders; it returns a func that
// ends it. Implemented in progress.go.
func startProgress(o Options, lopts *lint.Options) func() { return progress(o, lopts) }
