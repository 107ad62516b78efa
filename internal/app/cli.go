package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/jdlint/jdlint/lint"
	"github.com/jdlint/jdlint/report"
)

// usageHint is the second line of every usage error.
const usageHint = "Run 'jdlint --help' for usage."

// Main runs the jdlint command line (args[0] is the program's name) and returns the exit
// code: 0 clean, 1 findings at or above the fail level, 2 usage, config or I/O errors. A
// usage error is one or two lines on stderr and nothing on stdout.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	code := ExitClean
	a := newCLI(stdin, stdout, stderr, &code)
	norm, err := normalizeArgs(args, a.Flags, a.Commands)
	if err == nil {
		err = a.Run(norm)
	}
	if err != nil {
		var ue UsageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "jdlint: %s\n%s\n", report.Printable(ue.Err.Error()), usageHint)
		} else {
			warn(stderr, err.Error())
		}
		return ExitError
	}
	return code
}

// isTerminal reports whether w is a terminal.
func isTerminal(w any) bool {
	if file, ok := w.(*os.File); ok {
		return term.IsTerminal(int(file.Fd()))
	}
	return false
}

// onUsageError turns urfave/cli's flag parsing errors into one-line UsageErrors, so that
// they are never followed by the help text.
func onUsageError(_ *cli.Context, err error, _ bool) error {
	return UsageError{errors.New(flagErrorText(err.Error()))}
}

var invalidValue = regexp.MustCompile(`^invalid value "(.*)" for flag -([\w-]+): (.*)$`)

// flagErrorText rewrites the standard flag package's messages in jdlint's words.
func flagErrorText(msg string) string {
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		why := m[3]
		if why == "parse error" {
			why = "not a whole number"
		}
		return fmt.Sprintf("--%s %q: %s", m[2], m[1], why)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Sprintf("--%s needs a value", name)
	}
	return msg
}

func newCLI(stdin io.Reader, stdout, stderr io.Writer, code *int) *cli.App {
	configFlags := []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "use this `FILE` instead of the nearest .jdlint.yml"},
		&cli.BoolFlag{Name: "no-config", Usage: "ignore .jdlint.yml files"},
		&cli.BoolFlag{Name: "no-inline-config", Usage: "ignore inline jdlint-disable directives in postings (a notice says so)"},
		&cli.StringFlag{Name: "stdin-filename", Usage: "read - (stdin) as this `NAME`: it picks the parser (.txt is text), the config and the name in reports"},
	}
	noArgs := func(name string) func(*cli.Context) error {
		return func(c *cli.Context) error {
			if c.NArg() > 0 {
				return UsageError{fmt.Errorf("%s takes no arguments (got %q)", name, c.Args().First())}
			}
			return nil
		}
	}
	return &cli.App{
		Name:      "jdlint",
		Usage:     "lint job postings for mislabeled and blended Product Owner / Product Manager roles",
		UsageText: "jdlint [flags] PATH... [flags]   (files, folders, globs; - reads stdin; -- ends flags)\n   jdlint rules | explain RULE|evidence | tag FILE | init",
		Version:   VersionString(),
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		// exit codes are ours: 0 clean, 1 findings, 2 usage, config or I/O errors
		ExitErrHandler: func(*cli.Context, error) {},
		// a comma is part of a value: --output json=$RUNNER_TEMP/a,b/r.json names one file;
		// --enable and --disable split their lists themselves (ruleList)
		DisableSliceFlagSeparator: true,
		OnUsageError:              onUsageError,
		HideHelpCommand:           true,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "report format on stdout: " + strings.Join(report.Formats, "|")},
			&cli.StringSliceFlag{Name: "output", Aliases: []string{"o"}, Usage: "also write a report: `FORMAT=FILE`, FILE - for stdout (repeatable)"},
			&cli.StringSliceFlag{Name: "append", Usage: "also append a report to a file, creating it: `FORMAT=FILE` (repeatable; for $GITHUB_STEP_SUMMARY, which other steps add to)"},
			&cli.StringFlag{Name: "fail-level", Value: "error", Usage: "exit 1 when a finding reaches this level: none|info|warning|error"},
			&cli.BoolFlag{Name: "fix", Usage: "write safe fixes to the files (stdin: print the fixed text)"},
			&cli.BoolFlag{Name: "unsafe-fixes", Usage: "with --fix or --diff, include unsafe fixes"},
			&cli.BoolFlag{Name: "diff", Usage: "print fixes as a unified diff; change nothing, even with --fix (same as --format diff)"},
			&cli.StringSliceFlag{Name: "enable", Usage: "turn on a `RULE` at its default severity (repeatable)"},
			&cli.StringSliceFlag{Name: "disable", Usage: "turn off a `RULE` (repeatable)"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "files linted in parallel (0: one per core)"},
			&cli.BoolFlag{Name: "no-color", Usage: "no ANSI colors (also NO_COLOR=1)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "findings only: no fix previews, table, summary, progress or notes"},
			&cli.StringFlag{Name: "baseline", Usage: "report only findings not in this JSON report `FILE`"},
			&cli.StringFlag{Name: "write-baseline", Usage: "write the findings as a baseline `FILE` (exit 0 unless a file could not be linted)"},
			&cli.StringFlag{Name: "print-config", Usage: "print the config that applies to this `FILE` (which file, and the merged settings as YAML) and lint nothing"},
			&cli.StringFlag{Name: "max-size", Usage: "refuse files larger than this `SIZE`: bytes or 512KiB, 5MiB... (default 5MiB, or max_size from .jdlint.yml)"},
		}, configFlags...),
		Action: func(c *cli.Context) error {
			o, err := lintOptions(c)
			if err != nil {
				return err
			}
			o.Stdin, o.Stdout, o.Stderr = stdin, stdout, stderr
			o.Color = isTerminal(stdout) && !c.Bool("no-color") && os.Getenv("NO_COLOR") == ""
			o.Progress = isTerminal(stderr) && !c.Bool("quiet")
			*code = Lint(o)
			return nil
		},
		Commands: []*cli.Command{
			{Name: "rules", Usage: "list rules, default severities and fixes", OnUsageError: onUsageError, Action: func(c *cli.Context) error {
				if err := noArgs("rules")(c); err != nil {
					return err
				}
				*code = Rules(stdout)
				return nil
			}},
			{Name: "explain", Usage: "explain a rule (what, why, sources, examples), or how evidence is weighed", ArgsUsage: "RULE|evidence", OnUsageError: onUsageError, Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return UsageError{errors.New("explain takes one rule id (see jdlint rules) or evidence")}
				}
				*code = Explain(stdout, stderr, c.Args().First())
				return nil
			}},
			{Name: "tag", Usage: "show each sentence with its section, tags and evidence", ArgsUsage: "FILE", Flags: configFlags, OnUsageError: onUsageError, Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					return UsageError{errors.New("tag takes one file (- for stdin)")}
				}
				if c.String("stdin-filename") != "" && c.Args().First() != "-" {
					return UsageError{errors.New("--stdin-filename names stdin: give - as the file")}
				}
				*code = Tag(stdout, stderr, stdin, c.Args().First(), TagOptions{Config: c.String("config"), NoConfig: c.Bool("no-config"), NoInline: c.Bool("no-inline-config"), StdinName: c.String("stdin-filename")})
				return nil
			}},
			{Name: "init", Usage: "write a commented starter .jdlint.yml", OnUsageError: onUsageError, Action: func(c *cli.Context) error {
				if err := noArgs("init")(c); err != nil {
					return err
				}
				*code = Init(stdout, stderr, ".jdlint.yml")
				return nil
			}},
		},
	}
}

// ruleList splits --enable and --disable values at commas ("--enable a,b" is "--enable a
// --enable b"), dropping empty names.
func ruleList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, name := range strings.Split(v, ",") {
			if name = strings.TrimSpace(name); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

// lintOptions turns the lint command's flags into Options, refusing values no run could use.
func lintOptions(c *cli.Context) (Options, error) {
	o := Options{
		Paths: c.Args().Slice(), Outputs: c.StringSlice("output"), Appends: c.StringSlice("append"),
		FailLevel: c.String("fail-level"), Fix: c.Bool("fix"), Unsafe: c.Bool("unsafe-fixes"), Diff: c.Bool("diff"),
		Config: c.String("config"), NoConfig: c.Bool("no-config"), NoInline: c.Bool("no-inline-config"), PrintConfig: c.String("print-config"), Enable: ruleList(c.StringSlice("enable")), Disable: ruleList(c.StringSlice("disable")),
		Jobs: c.Int("jobs"), Quiet: c.Bool("quiet"),
		Baseline: c.String("baseline"), WriteBaseline: c.String("write-baseline"), StdinName: c.String("stdin-filename"),
	}
	if c.IsSet("format") {
		o.Format = c.String("format") // unset: text, unless an --output goes to stdout
	}
	if s := c.String("max-size"); s != "" {
		n, err := lint.ParseSize(s)
		if err != nil {
			return o, UsageError{fmt.Errorf("--max-size %q: %w", s, err)}
		}
		o.MaxSize = n
	}
	return o, nil
}

// normalizeArgs rewrites a command line so that urfave/cli, which stops at the first path,
// reads it as jdlint means it: flags may come after paths (as in eslint, ruff and Vale;
// "--" ends the flags), every flag is named by its long name (so -o and --output can be
// mixed) and an unknown flag is a usage error. A subcommand's own arguments are treated the
// same way with its flags.
func normalizeArgs(args []string, flags []cli.Flag, commands []*cli.Command) ([]string, error) {
	if len(args) == 0 {
		return args, nil
	}
	out := []string{args[0]}
	rest, cmd, err := splitFlags(args[1:], flags, commands, &out)
	if err != nil {
		return nil, err
	}
	if cmd == nil {
		return append(out, rest...), nil
	}
	out = append(out, cmd.Name)
	sub := []string{}
	pos, _, err := splitFlags(rest, cmd.Flags, nil, &sub)
	if err != nil {
		return nil, UsageError{fmt.Errorf("%s: %v", cmd.Name, err)}
	}
	return append(append(out, sub...), pos...), nil
}

// splitFlags appends the flags of args to *flagsOut, canonical and with their values joined
// ("--output=json=r.json"), and returns the other arguments, with "--" before them when one
// of them starts with a dash. When the first non-flag argument names one of commands, it
// returns that command and everything after it unread.
func splitFlags(args []string, flags []cli.Flag, commands []*cli.Command, flagsOut *[]string) (rest []string, cmd *cli.Command, err error) {
	type spec struct {
		name   string
		isBool bool
	}
	known := map[string]spec{}
	add := func(f cli.Flag) {
		_, isBool := f.(*cli.BoolFlag)
		names := f.Names()
		for _, n := range names {
			known[n] = spec{name: names[0], isBool: isBool}
		}
	}
	for _, f := range flags {
		add(f)
	}
	for _, f := range []cli.Flag{cli.HelpFlag, cli.VersionFlag} {
		add(f)
	}
	var pos []string
	dashed := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			for _, p := range args[i+1:] {
				dashed = dashed || strings.HasPrefix(p, "-") && p != "-"
			}
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			if len(pos) == 0 && commands != nil {
				for _, c := range commands {
					if c.HasName(a) {
						return args[i+1:], c, nil
					}
				}
			}
			pos = append(pos, a)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		s, ok := known[name]
		if !ok || strings.HasPrefix(a, "---") {
			return nil, nil, UsageError{fmt.Errorf("unknown flag %s", strings.SplitN(a, "=", 2)[0])}
		}
		switch {
		case hasValue:
			*flagsOut = append(*flagsOut, "--"+s.name+"="+value)
		case s.isBool:
			*flagsOut = append(*flagsOut, "--"+s.name)
		case i+1 < len(args):
			i++
			*flagsOut = append(*flagsOut, "--"+s.name+"="+args[i])
		default:
			return nil, nil, UsageError{fmt.Errorf("--%s needs a value", s.name)}
		}
	}
	if dashed {
		pos = append([]string{"--"}, pos...)
	}
	return pos, nil, nil
}
