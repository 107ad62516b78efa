// Command jdlint lints job postings for mislabeled and blended Product Owner and Product
// Manager roles. main.go only turns flags into app.Options; the work is in lint/, nlp/,
// rules/ and report/.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/jdlint/jdlint/internal/app"
	"github.com/jdlint/jdlint/report"
)

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

func isTerminal(f any) bool {
	if file, ok := f.(*os.File); ok {
		return term.IsTerminal(int(file.Fd()))
	}
	return false
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	code := app.ExitClean
	configFlags := []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "use this `FILE` instead of the nearest .jdlint.yml"},
		&cli.BoolFlag{Name: "no-config", Usage: "ignore .jdlint.yml files"},
	}
	a := &cli.App{
		Name:      "jdlint",
		Usage:     "lint job postings for mislabeled and blended Product Owner / Product Manager roles",
		UsageText: "jdlint [flags] PATH...   (files, folders, globs; - reads stdin)\n   jdlint rules | explain RULE | tag FILE | init",
		Version:   app.Version,
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		// exit codes are ours: 0 clean, 1 findings, 2 usage, config or I/O errors
		ExitErrHandler:  func(*cli.Context, error) {},
		HideHelpCommand: true,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "report format on stdout: " + strings.Join(report.Formats, "|")},
			&cli.StringSliceFlag{Name: "output", Aliases: []string{"o"}, Usage: "also write a report: `FORMAT=FILE` (repeatable)"},
			&cli.StringFlag{Name: "fail-level", Value: "error", Usage: "exit 1 when a finding reaches this level: none|info|warning|error"},
			&cli.BoolFlag{Name: "fix", Usage: "write safe fixes to the files (stdin: print the fixed text)"},
			&cli.BoolFlag{Name: "unsafe-fixes", Usage: "with --fix or --diff, include unsafe fixes"},
			&cli.BoolFlag{Name: "diff", Usage: "print fixes as a unified diff; change nothing (same as --format diff)"},
			&cli.StringSliceFlag{Name: "enable", Usage: "turn on a `RULE` at its default severity (repeatable)"},
			&cli.StringSliceFlag{Name: "disable", Usage: "turn off a `RULE` (repeatable)"},
			&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.NumCPU(), Usage: "files linted in parallel"},
			&cli.BoolFlag{Name: "no-color", Usage: "no ANSI colors (also NO_COLOR=1)"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "findings only: no fix previews, table, summary or progress"},
			&cli.StringFlag{Name: "baseline", Usage: "report only findings not in this JSON report `FILE`"},
			&cli.StringFlag{Name: "write-baseline", Usage: "write the findings as a baseline `FILE`"},
			&cli.Int64Flag{Name: "max-size", Usage: "refuse files larger than this many bytes (default 5 MiB, or max_size from .jdlint.yml)"},
		}, configFlags...),
		Action: func(c *cli.Context) error {
			for _, arg := range c.Args().Slice() {
				if strings.HasPrefix(arg, "--") {
					fmt.Fprintf(stderr, "jdlint: flag %s after a path: put flags before paths (jdlint [flags] PATH...)\n", arg)
					code = app.ExitError
					return nil
				}
			}
			color := isTerminal(stdout) && !c.Bool("no-color") && os.Getenv("NO_COLOR") == ""
			code = app.Lint(app.Options{
				Paths: c.Args().Slice(), Format: c.String("format"), Outputs: c.StringSlice("output"),
				FailLevel: c.String("fail-level"), Fix: c.Bool("fix"), Unsafe: c.Bool("unsafe-fixes"), Diff: c.Bool("diff"),
				Config: c.String("config"), NoConfig: c.Bool("no-config"), Enable: c.StringSlice("enable"), Disable: c.StringSlice("disable"),
				Jobs: c.Int("jobs"), Color: color, Quiet: c.Bool("quiet"), Progress: isTerminal(stderr) && !c.Bool("quiet"),
				Baseline: c.String("baseline"), WriteBaseline: c.String("write-baseline"), MaxSize: c.Int64("max-size"),
				Stdin: stdin, Stdout: stdout, Stderr: stderr,
			})
			return nil
		},
		Commands: []*cli.Command{
			{Name: "rules", Usage: "list rules, default severities and fixes", Action: func(c *cli.Context) error {
				code = app.Rules(stdout)
				return nil
			}},
			{Name: "explain", Usage: "explain a rule: what, why, sources, examples", ArgsUsage: "RULE", Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					fmt.Fprintln(stderr, "jdlint: explain takes one rule id (see jdlint rules)")
					code = app.ExitError
					return nil
				}
				code = app.Explain(stdout, stderr, c.Args().First())
				return nil
			}},
			{Name: "tag", Usage: "show each sentence with its section, tags and evidence", ArgsUsage: "FILE", Flags: configFlags, Action: func(c *cli.Context) error {
				if c.NArg() != 1 {
					fmt.Fprintln(stderr, "jdlint: tag takes one file (- for stdin)")
					code = app.ExitError
					return nil
				}
				code = app.Tag(stdout, stderr, stdin, c.Args().First(), c.String("config"), c.Bool("no-config"))
				return nil
			}},
			{Name: "init", Usage: "write a commented starter .jdlint.yml", Action: func(c *cli.Context) error {
				code = app.Init(stdout, stderr, ".jdlint.yml")
				return nil
			}},
		},
	}
	if err := a.Run(args); err != nil {
		fmt.Fprintf(stderr, "jdlint: %v\n", err)
		return app.ExitError
	}
	return code
}
