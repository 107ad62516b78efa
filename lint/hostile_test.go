package lint

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
)

// The hostile-input corpus of issue 14: postings built to be slow, deep or odd. Every case
// is generated here (none is committed as a file) at the size a test asks for, and
// TestHostileInputs, BenchmarkHostile and the fuzz seeds (addHostileSeeds) share it.

// hostileCase is one generated posting.
type hostileCase struct {
	name  string
	issue int                                    // the item of issue 14 it belongs to
	text  bool                                   // lint as plain text rather than Markdown
	gen   func(n int) []byte                     // about n bytes
	opts  func(*nlp.Options)                     // changes to the default options (a config's vocabulary)
	err   string                                 // the posting is refused with an error holding this; "" to lint it
	check func(*testing.T, *nlp.Posting, []byte) // more checks on the posting
	known string                                 // a slow path left to another part's owner: skipped, saying why
}

// repeat returns unit repeated to about n bytes (at least once), after head.
func repeat(head, unit string) func(n int) []byte {
	return func(n int) []byte {
		var b bytes.Buffer
		b.WriteString(head)
		for b.Len() < n || b.Len() == len(head) {
			b.WriteString(unit)
		}
		return b.Bytes()
	}
}

// randomText returns n bytes drawn from alphabet (a string of runes), seeded by seed.
func randomText(alphabet string, seed uint64) func(n int) []byte {
	runes := []rune(alphabet)
	return func(n int) []byte {
		r := rand.New(rand.NewPCG(seed, 14))
		var b bytes.Buffer
		for b.Len() < n {
			b.WriteRune(runes[r.IntN(len(runes))])
		}
		return b.Bytes()
	}
}

// after returns gen's text after head.
func after(head string, gen func(n int) []byte) func(n int) []byte {
	return func(n int) []byte { return append([]byte(head), gen(n)...) }
}

// gapPhrase is a vocabulary phrase with as many "..." gaps as a phrase may have (8); every
// word is "own" but the last, so on a line of "own" words each gap can skip 0 to 4 of them:
// 5^8 ways to try from each word, before the matcher remembered its failures.
const gapPhrase = "own ... own ... own ... own ... own ... own ... own ... own ... zzz"

func withPhrase(phrase string) func(*nlp.Options) {
	return func(o *nlp.Options) {
		cats := append([]nlp.Category(nil), o.Taxonomy.Categories...)
		cats = append(cats, nlp.Category{ID: "hostile", Role: nlp.PO, Phrases: []string{phrase}})
		tax, err := nlp.Compile(cats, nil)
		if err != nil {
			panic(err)
		}
		o.Taxonomy = tax
	}
}

// tokensInPlace checks that every token's text is the bytes of its sentence at its offset:
// the invariant the crash of item 8 broke (a curly apostrophe read as a straight one moved
// later tokens past the end of the sentence).
func tokensInPlace(t *testing.T, p *nlp.Posting, _ []byte) {
	t.Helper()
	for _, s := range p.Sentences {
		toks := s.Tokens
		if toks == nil {
			toks = nlp.Tokenize(s.Text)
		}
		for _, tk := range toks {
			if tk.Start < 0 || tk.Start+len(tk.Text) > len(s.Text) || s.Text[tk.Start:tk.Start+len(tk.Text)] != tk.Text {
				t.Fatalf("token %q at %d is not in sentence %q", tk.Text, tk.Start, s.Text)
			}
		}
	}
}

const refused = "refused, as parsing such Markdown takes quadratic time"

var hostileCases = []hostileCase{
	// 2: words that prose's tokenizer peels one character at a time, rescanning the word
	{name: "open parens", issue: 2, gen: repeat("# Product Owner\n\n", "(")},
	{name: "open brackets", issue: 2, text: true, gen: repeat("Product Owner\n\n", "[")},
	{name: "open brackets in Markdown", issue: 5, gen: repeat("# Product Owner\n\n", "["), err: refused},
	{name: "dollars", issue: 2, gen: repeat("# Product Owner\n\n", "$")},
	{name: "double quotes", issue: 2, gen: repeat("# Product Owner\n\n", `"`)},
	{name: "apostrophes", issue: 2, gen: repeat("# Product Owner\n\n", "'")},
	{name: "commas", issue: 2, gen: repeat("# Product Owner\n\n", ",")},
	{name: "closing parens", issue: 2, gen: repeat("# Product Owner\n\nOwn", ")")},
	{name: "periods", issue: 2, gen: repeat("# Product Owner\n\n", ".")},
	{name: "bangs and questions", issue: 2, gen: repeat("# Product Owner\n\n", "!?;:")},
	{name: "curly quotes", issue: 2, gen: repeat("# Product Owner\n\n", "“’”‘")},
	{name: "html apostrophes", issue: 2, gen: repeat("# Product Owner\n\n", "&rsquo;")},
	{name: "possessives", issue: 2, gen: repeat("# Product Owner\n\nteam", "'s")},
	{name: "contractions", issue: 2, gen: repeat("# Product Owner\n\n", "don't'll're'm")},
	{name: "initials", issue: 2, gen: repeat("# Product Owner\n\n", "a.")},
	{name: "initials in brackets", issue: 2, gen: func(n int) []byte {
		return []byte("# Product Owner\n\n(" + strings.Repeat("a.", n/4) + strings.Repeat(")", n/2))
	}},
	{name: "a word wrapped in punctuation", issue: 2, text: true, gen: func(n int) []byte {
		return []byte("# Product Owner\n\n" + strings.Repeat("$([\"", n/8) + "backlog" + strings.Repeat(")]!;.?:,'\"", n/20))
	}},
	{name: "emoticons run together", issue: 2, gen: repeat("# Product Owner\n\n", "8-):-)")},
	{name: "runes whose lower case is longer", issue: 2, gen: repeat("# Product Owner\n\n", "İ'm(ẞ)")},
	{name: "invalid UTF-8 before contractions", issue: 2, gen: repeat("# Product Owner\n\n", "a\xe2\x80'm")},
	{name: "random punctuation words", issue: 2, text: true, gen: randomText("()[]$\"',.!?;:’“”‘-_*&a1 ", 1)},
	{name: "random punctuation, one word", issue: 2, text: true, gen: after("Product Owner\n\n", randomText("()[]$\"',.!?;:’“”‘a1İ", 2))},
	{name: "spaced punctuation", issue: 2, gen: repeat("# Product Owner\n\n", "( . ' , ")},
	{name: "short sentences", issue: 2, gen: repeat("# Product Owner\n\n", "a. ")},
	{name: "lone periods", issue: 2, gen: repeat("# Product Owner\n\n", ". ")},
	{name: "ellipses", issue: 2, gen: repeat("# Product Owner\n\n", "... ")},
	{name: "one long word", issue: 2, gen: repeat("# Product Owner\n\n", "x")},
	{name: "plain text punctuation", issue: 2, text: true, gen: repeat("Product Owner\n\n", "([\"'.,")},
	{name: "random text", issue: 2, gen: randomText("abcdefgh ijk lmn.,;:!?()[]*_`#>-\n'\"’“éß€\t|<>/\\", 3)},
	{name: "blank lines", issue: 2, gen: repeat("# Product Owner\n", "\n \n\t\n")},
	{name: "empty list items", issue: 2, gen: repeat("# Product Owner\n\n", "-\n* \n1.\n")},
	{name: "headings", issue: 2, gen: repeat("", "# Product Owner\n")},
	{name: "table rows", issue: 2, gen: repeat("# Product Owner\n\n| a | b |\n|---|---|\n", "| own | the backlog |\n")},
	{name: "html comments", issue: 2, gen: repeat("# Product Owner\n\n", "<!-- x -->\n")},
	{name: "directives", issue: 2, gen: repeat("# Product Owner\n\n", "<!-- jdlint-disable-next-line role-blended -->\n- Own the product backlog\n")},

	// 3: a vocabulary phrase with many gaps, on a line of its first word
	{name: "phrase with eight gaps", issue: 3, opts: withPhrase(gapPhrase), gen: func(n int) []byte {
		// sentences of 60 words, so each holds many starts and long tails to try
		return repeat("# Product Owner\n\n", strings.Repeat("own ", 60)+"end.\n\n")(n)
	}},

	// 5: structures goldmark parses in quadratic time; refused past the limits
	{name: "nested block quotes", issue: 5, gen: repeat("# Product Owner\n\n", ">"), err: "nested"},
	{name: "spaced block quotes", issue: 5, gen: repeat("# Product Owner\n\n", "> "), err: "nested"},
	{name: "nested lists on one line", issue: 5, gen: repeat("# Product Owner\n\n", "- "), err: "nested"},
	{name: "nested numbered lists", issue: 5, gen: repeat("# Product Owner\n\n", "1. "), err: "nested"},
	{name: "quotes of lists", issue: 5, gen: repeat("# Product Owner\n\n", "> - "), err: "nested"},
	{name: "indented lists", issue: 5, gen: func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("# Product Owner\n\n")
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- Own the backlog\n")
		}
		return b.Bytes()
	}, err: "nested"},
	{name: "lists at the depth limit", issue: 5, gen: repeat("# Product Owner\n\n", strings.Repeat("- ", nlp.MaxMarkdownDepth)+"Own the backlog\n")},
	{name: "quotes at the depth limit", issue: 5, gen: repeat("# Product Owner\n\n", strings.Repeat(">", nlp.MaxMarkdownDepth)+" Own the backlog\n")},
	{name: "unclosed links", issue: 5, gen: repeat("# Product Owner\n\n", "[a]("), err: refused},
	{name: "unclosed images", issue: 5, gen: repeat("# Product Owner\n\n", "![a]("), err: refused},
	{name: "unclosed angle destinations", issue: 5, gen: repeat("# Product Owner\n\n", "[a](<"), err: refused},
	{name: "links without spaces", issue: 5, gen: repeat("# Product Owner\n\n", "[a](b"), err: refused},
	{name: "emphasis that never pairs", issue: 5, gen: repeat("# Product Owner\n\n", "*a_"), err: refused},
	{name: "emphasis that never pairs, reversed", issue: 5, gen: repeat("# Product Owner\n\n", "_a*"), err: refused},
	{name: "nested brackets", issue: 5, gen: func(n int) []byte {
		return []byte("# Product Owner\n\n" + strings.Repeat("[", n/2) + strings.Repeat("]", n/2))
	}, err: refused},
	{name: "code markers of growing length", issue: 5, gen: func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("# Product Owner\n\n")
		for k := 1; b.Len() < n; k++ {
			b.WriteString(strings.Repeat("`", k) + "a")
		}
		return b.Bytes()
	}, err: refused},
	{name: "link definitions in one paragraph", issue: 5, gen: func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("# Product Owner\n\n")
		for i := 0; b.Len() < n; i++ {
			fmt.Fprintf(&b, "[a%d]: /u\n", i)
		}
		return b.Bytes()
	}, err: refused},
	// Markdown that is large but not hostile is linted
	{name: "links", issue: 5, gen: repeat("# Product Owner\n\n", "Own the [backlog](https://example.com/backlog) today.\n")},
	{name: "bold items", issue: 5, gen: repeat("# Product Owner\n\n", "- Own the **product backlog** and `ship` it\n")},
	{name: "paragraphs of emphasis", issue: 5, gen: repeat("# Product Owner\n\n", "Own the *backlog* and the _roadmap_ with **care**.\n\n")},
	{name: "link definitions apart", issue: 5, gen: repeat("# Product Owner\n\n", "[a]: /u\n\n")},
	{name: "code blocks", issue: 5, gen: repeat("# Product Owner\n\n", "```\n*a_[a](`\n```\n")},

	// 8: curly and straight apostrophes in one paragraph, with multi-byte letters
	{name: "curly and straight apostrophes", issue: 8, check: tokensInPlace,
		gen: repeat("# Product Owner\n\n", "Upstream’s Salesforce organization's vision Salesforce. ")},
	{name: "mixed quotes and accents", issue: 8, check: tokensInPlace,
		gen: repeat("# Product Owner\n\n", "- Ownér’s “backlog” isn't the team's ‘roadmap’ — Zoë&rsquo;s plan's scope, naïve’s.\n")},
	{name: "curly quotes in words", issue: 8, check: tokensInPlace,
		gen: repeat("# Product Owner\n\n", "l’équipe’s d’“Ownér”’s’ ’s‘s“s”s. ")},
}

// hostileOptions returns the options for a case.
func hostileOptions(t testing.TB, c hostileCase) nlp.Options {
	o := defaultOpts(t)
	md := !c.text
	o.Markdown = &md
	if c.opts != nil {
		c.opts(&o)
	}
	return o
}

// lintHostile lints src as a case says: the whole pipeline of one posting, rules included.
func lintHostile(o nlp.Options, src []byte) Result {
	return Check("hostile.md", src, o, rules.Config{})
}

// checkHostile checks the outcome: refused with the expected one-line error naming the
// file, or linted without one, findings in range.
func checkHostile(t *testing.T, c hostileCase, src []byte, r Result) {
	t.Helper()
	switch {
	case c.err != "" && (r.Err != nil || len(src) >= 256<<10):
		// refused; below 256 KiB some structures are still within the limits, which grow
		// with the size of the file (nlp.MarkdownWorkPerByte)
		var le *nlp.MarkdownLimitError
		if r.Err == nil || !errors.As(r.Err, &le) || !strings.Contains(r.Err.Error(), c.err) || !strings.Contains(r.Err.Error(), "hostile.md") {
			t.Fatalf("err = %v, want it refused (%q)", r.Err, c.err)
		}
		if strings.Contains(r.Err.Error(), "\n") {
			t.Fatalf("error %q is not one line", r.Err)
		}
		return
	case r.Err != nil:
		t.Fatalf("Lint: %v", r.Err)
	}
	checkFindings(t, src, r.Findings)
	if c.check != nil {
		c.check(t, r.Posting, src)
	}
}

// hostileBudget is the CPU time one MiB of a hostile case may take in TestHostileInputs:
// five times the 2 s target (BenchmarkHostile measures the real figures), so that a slow or
// busy machine does not fail it, while quadratic work (minutes to hours) does.
const hostileBudget = 10 * time.Second

// stuck is set once a case overran its budget: its goroutine is still running, so the CPU
// times of later cases would be wrong.
var stuck atomic.Bool

// timedLint lints src and returns its CPU time, or fails the test as soon as the process
// has used more than limit since it began.
func timedLint(t *testing.T, c hostileCase, o nlp.Options, src []byte, limit time.Duration) time.Duration {
	t.Helper()
	start := cpuTime()
	done := make(chan Result, 1)
	go func() { done <- lintHostile(o, src) }()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case r := <-done:
			used := cpuTime() - start
			checkHostile(t, c, src, r)
			return used
		case <-tick.C:
			if used := cpuTime() - start; used > limit {
				stuck.Store(true)
				t.Fatalf("%d bytes took more than %v of CPU time: worse than linear", len(src), limit)
			}
		}
	}
}

// TestHostileInputs lints every case of the corpus at 256 KiB and 1 MiB: each is linted or
// refused as the case says, never panics, within a generous CPU-time budget, and 4 times the
// input takes less than 10 times the CPU time (linear work takes about 4, quadratic 16).
func TestHostileInputs(t *testing.T) {
	size := 1 << 20
	if testing.Short() || raceEnabled {
		size = 128 << 10
	}
	budget := hostileBudget
	if raceEnabled {
		budget *= 10
	}
	for _, c := range hostileCases {
		t.Run(fmt.Sprintf("%d/%s", c.issue, c.name), func(t *testing.T) {
			if stuck.Load() {
				t.Skip("an earlier case overran its budget and is still running")
			}
			if c.known != "" && os.Getenv("JDLINT_HOSTILE_ALL") == "" {
				t.Skip("known slow path, left to its owner: " + c.known + " (JDLINT_HOSTILE_ALL=1 runs it)")
			}
			o := hostileOptions(t, c)
			small, large := c.gen(size/4), c.gen(size)
			limit := time.Duration(float64(budget) * float64(len(large)) / (1 << 20))
			lintHostile(o, small[:min(len(small), 4096)]) // warm up the models
			// Each size is timed in a block of its own, after an untimed run, as a benchmark
			// would: interleaving the sizes made the collector's pacing and the kernel's first
			// touch of fresh memory fall on the large runs (a small run after a large one finds
			// a grown heap, a large run after a small one grows it again), which put linear
			// work at 10-19x on a busy 2-core machine. In blocks the worst case measured 7-9x
			// there, once 12.8x, so a pair over the limit is measured again; a warm benchmark
			// of the same case (1 MiB against 256 KiB of dollars) gives 3x.
			best := func(src []byte, limit time.Duration) time.Duration {
				timedLint(t, c, o, src, limit) // untimed in effect, but under the budget's watch
				d := time.Duration(1 << 62)
				for range 3 { // best of three: noise only ever adds time
					d = min(d, timedLint(t, c, o, src, limit))
				}
				return d
			}
			var t1, t4 time.Duration
			for range 3 { // and the pair measured again while over: a pass shows the work can be linear
				t1, t4 = best(small, limit/4+time.Second), best(large, limit)
				if float64(t4) <= 10*float64(max(t1, 5*time.Millisecond)) {
					break
				}
			}
			ratio := float64(t4) / float64(max(t1, 5*time.Millisecond))
			t.Logf("%d bytes: %v; %d bytes: %v; ratio %.1f", len(small), t1, len(large), t4, ratio)
			if ratio > 10 {
				t.Errorf("4x the input took %.1fx the CPU time: worse than linear", ratio)
			}
		})
	}
}

// BenchmarkHostile lints 1 MiB of each hostile case: the figures behind "a 1 MB posting of
// any content in under 2 s" (docs/design.md, Bad input).
func BenchmarkHostile(b *testing.B) {
	for _, c := range hostileCases {
		b.Run(fmt.Sprintf("%d/%s", c.issue, c.name), func(b *testing.B) {
			o := hostileOptions(b, c)
			src := c.gen(1 << 20)
			b.SetBytes(int64(len(src)))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				lintHostile(o, src)
			}
		})
	}
}

// quoteSeeds mix curly and straight apostrophes and quotes with multi-byte letters (issue
// 14, item 8; nlp's fuzz targets have the same). The first crashed the whole pipeline.
var quoteSeeds = []string{
	"Upstream’s Salesforce organization's vision Salesforce.",
	"# Product Owner\n\nUpstream’s Salesforce organization's vision Salesforce.\n",
	"# Product Owner\n\n- Ownér’s “backlog” isn't the team's ‘roadmap’ — Zoë&rsquo;s plan's scope.\n",
	"l’équipe’s d’“Ownér”’s’ ’s‘s“s”s. a’'’'’'s",
	"İstanbul’s PO's K’s ſcrum’s team’ll we’re don’t can't",
	"„Roadmap“ der Produktverantwortlichen’s ‚Backlog‘ 'n' «Équipe» ‹x›",
	"# プロダクトオーナー\n\n日本語’s プロダクトオーナー's ‘バックログ’ — 产品负责人’s",
	"---\ntitle: “Product Owner’s” role\n---\nOwn the team’s backlog's order. Zoë’s.\n",
}

// addHostileSeeds adds the corpus, at a few KiB, and quoteSeeds to a fuzz target's seeds.
func addHostileSeeds(f *testing.F) {
	for _, c := range hostileCases {
		if c.opts == nil {
			f.Add(c.gen(2048), !c.text)
		}
	}
	for _, s := range quoteSeeds {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
}

// fileCase is a folder of the hostile corpus holding things that are not regular files.
type fileCase struct {
	name string
	// make builds the case in dir and returns the paths to lint and a function to run
	// alongside (a writer for a pipe named on the command line), or an error to skip on
	make func(t *testing.T, dir string) (paths []string, alongside func(), err error)
	// the outcome: files linted (by base name), entries named as skipped, errors (base
	// name -> substring)
	linted  []string
	skipped []string
	errs    map[string]string
}

func fifoAt(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(p); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	return p
}

func linkAt(t *testing.T, dir, name, target string) {
	t.Helper()
	if _, err := os.Stat(target); err != nil {
		t.Skipf("no %s here", target)
	}
	if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
}

var fileCases = []fileCase{
	{name: "named pipe in a folder", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting})
		fifoAt(t, dir, "careers/z.md")
		return []string{filepath.Join(dir, "careers")}, nil, nil
	}, linted: []string{"a.md"}, skipped: []string{"z.md: not a regular file (a named pipe)"}},
	{name: "symlink to a terminal device", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting})
		linkAt(t, dir, "careers/z.md", "/dev/ptmx") // git stores it, checkout recreates it
		return []string{filepath.Join(dir, "careers")}, nil, nil
	}, linted: []string{"a.md"}, skipped: []string{"z.md: not a regular file (a symlink to a character device)"}},
	{name: "symlink to an endless device", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting})
		linkAt(t, dir, "careers/zero.txt", "/dev/zero")
		return []string{filepath.Join(dir, "careers")}, nil, nil
	}, linted: []string{"a.md"}, skipped: []string{"zero.txt: not a regular file (a symlink to a character device)"}},
	{name: "symlink to a named pipe", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting})
		fifo := fifoAt(t, dir, "elsewhere/pipe")
		linkAt(t, dir, "careers/p.md", fifo)
		return []string{filepath.Join(dir, "careers")}, nil, nil
	}, linted: []string{"a.md"}, skipped: []string{"p.md: not a regular file (a symlink to a named pipe)"}},
	{name: "socket in a folder", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting})
		closeSock, err := mksocket(filepath.Join(dir, "careers", "s.md"))
		if err != nil {
			return nil, nil, err
		}
		t.Cleanup(closeSock)
		return []string{filepath.Join(dir, "careers")}, nil, nil
	}, linted: []string{"a.md"}, skipped: []string{"s.md: not a regular file (a socket)"}},
	{name: "symlink to a posting", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting, "shared/b.md": posting})
		linkAt(t, dir, "careers/b.md", filepath.Join(dir, "shared", "b.md"))
		return []string{filepath.Join(dir, "careers")}, nil, nil
	}, linted: []string{"a.md", "b.md"}},
	{name: "the same pipe reached twice", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting})
		fifoAt(t, dir, "careers/z.md")
		c := filepath.Join(dir, "careers")
		return []string{c, c, filepath.Join(c, "*.md")}, nil, nil
	}, linted: []string{"a.md"}, skipped: []string{"z.md: not a regular file (a named pipe)"}},
	{name: "named pipe matched by a glob", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting})
		fifoAt(t, dir, "careers/z.md")
		return []string{filepath.Join(dir, "careers", "*.md")}, nil, nil
	}, linted: []string{"a.md"}, skipped: []string{"z.md: not a regular file (a named pipe)"}},
	{name: "named pipe named on the command line", make: func(t *testing.T, dir string) ([]string, func(), error) {
		fifo := fifoAt(t, dir, "p.md")
		// read as given: a writer feeds it
		return []string{fifo}, func() {
			if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				f.WriteString(posting)
				f.Close()
			}
		}, nil
	}, linted: []string{"p.md"}},
	{name: "named pipe in a folder and on the command line", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting})
		fifo := fifoAt(t, dir, "careers/z.md")
		return []string{filepath.Join(dir, "careers"), fifo}, func() {
			if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				f.WriteString(posting)
				f.Close()
			}
		}, nil
	}, linted: []string{"a.md", "z.md"}, skipped: []string{"z.md: not a regular file (a named pipe)"}},
	{name: ".jdlint.yml is a named pipe", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting})
		fifoAt(t, dir, "careers/"+ConfigFile)
		return []string{filepath.Join(dir, "careers")}, nil, nil
	}, errs: map[string]string{"a.md": ".jdlint.yml: is not a regular file (a named pipe)"}},
	{name: ".jdlint.yml is a symlink to a device", make: func(t *testing.T, dir string) ([]string, func(), error) {
		writeTree(t, dir, map[string]string{"careers/a.md": posting})
		linkAt(t, dir, "careers/"+ConfigFile, "/dev/zero")
		return []string{filepath.Join(dir, "careers")}, nil, nil
	}, errs: map[string]string{"a.md": ".jdlint.yml: is not a regular file (a character device)"}},
}

// TestHostileFiles lints folders holding named pipes, sockets and devices (issue 14, item
// 1): walking a folder reads regular files only, names each entry it leaves out once, lints
// the rest and never blocks; a path named on the command line is read as given.
func TestHostileFiles(t *testing.T) {
	for _, c := range fileCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, ".git"), nil, 0o644); err != nil { // the repository root: no config above
				t.Fatal(err)
			}
			paths, alongside, err := c.make(t, dir)
			if err != nil {
				t.Skipf("cannot build the case here: %v", err)
			}
			if alongside != nil {
				go alongside()
			}
			var skipped []string
			opts := robustOptions(t, paths...)
			opts.OnSkip = func(path, why string) { skipped = append(skipped, filepath.Base(path)+": "+why) }
			cs, err := NewConfigSource("", false, opts.NLP, opts.Rules)
			if err != nil {
				t.Fatal(err)
			}
			cs.Apply(&opts)
			res := runWithin(t, opts)
			var linted []string
			errs := map[string]string{}
			for _, r := range res {
				switch {
				case r.Err != nil:
					errs[filepath.Base(r.Path)] = r.Err.Error()
				case r.Posting != nil:
					linted = append(linted, filepath.Base(r.Path))
				}
			}
			if strings.Join(linted, " ") != strings.Join(c.linted, " ") {
				t.Errorf("linted %q, want %q", linted, c.linted)
			}
			if len(skipped) != len(c.skipped) {
				t.Errorf("skipped %q, want %q, each once", skipped, c.skipped)
			}
			for i := range min(len(skipped), len(c.skipped)) {
				if !strings.HasPrefix(skipped[i], c.skipped[i]) {
					t.Errorf("skipped %q, want %q", skipped[i], c.skipped[i])
				}
			}
			if len(errs) != len(c.errs) {
				t.Errorf("errors %q, want %q", errs, c.errs)
			}
			for name, want := range c.errs {
				if !strings.Contains(errs[name], want) || strings.Contains(errs[name], "\n") {
					t.Errorf("%s: error %q, want one line holding %q", name, errs[name], want)
				}
			}
			if want := map[bool]int{true: 2, false: 0}[len(c.errs) > 0]; ExitCode(res, rules.Off) != want {
				t.Errorf("exit code %d, want %d", ExitCode(res, rules.Off), want)
			}
		})
	}
}

// TestReadRegularRefusesPipes: a walked file replaced by a named pipe before it is read is
// refused at once, not read forever.
func TestReadRegularRefusesPipes(t *testing.T) {
	fifo := fifoAt(t, t.TempDir(), "z.md")
	done := make(chan error, 1)
	go func() {
		_, err := readPosting(&Result{Path: fifo, walked: true}, nil, 0)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file (a named pipe)") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("reading a walked named pipe blocked")
	}
}

// TestMaxSizeCeiling (issue 14, item 4): --max-size and max_size share one ceiling, and a
// limit past it, even 9223372036854775807, can no longer overflow into reading every file
// as empty.
func TestMaxSizeCeiling(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.md")
	if err := os.WriteFile(path, []byte(posting), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int64{math.MaxInt64, math.MaxInt64 - 1, MaxSizeLimit + 1, 0, -1} {
		b, err := ReadFile(path, nil, limit)
		if err != nil || string(b) != posting {
			t.Errorf("ReadFile with limit %d: %q, %v", limit, b, err)
		}
		b, err = ReadFile("-", strings.NewReader(posting), limit)
		if err != nil || string(b) != posting {
			t.Errorf("ReadFile of stdin with limit %d: %q, %v", limit, b, err)
		}
		// read as empty, the posting would have no title (Run keeps the title, whether or
		// not it keeps the rest of the posting)
		res := Run(Options{Paths: []string{path}, MaxSize: limit, NLP: defaultOpts(t)})
		if res[0].Err != nil || res[0].Posting == nil || res[0].Posting.Title.Text != "Product Owner" {
			t.Errorf("Run with --max-size %d: posting %v, err %v", limit, res[0].Posting, res[0].Err)
		}
	}
	for _, s := range []string{"9223372036854775807", "1GiB", "33MiB", "32.5MiB", "1e30"} {
		if _, err := ParseSize(s); err == nil || !strings.Contains(err.Error(), "up to 32.0 MiB") {
			t.Errorf("ParseSize(%q): %v, want it refused past the ceiling", s, err)
		}
	}
	if n, err := ParseSize("32MiB"); err != nil || n != MaxSizeLimit {
		t.Errorf("ParseSize(32MiB) = %d, %v", n, err)
	}
	if _, err := decodeConfig("c.yml", []byte("max_size: 64MiB\n"), defaultOpts(t).Taxonomy); err == nil || !strings.Contains(err.Error(), "32.0 MiB") {
		t.Errorf("max_size: 64MiB: %v, want it refused past the same ceiling", err)
	}
}

// TestMemoryBudget (issue 14, item 4): however many workers, the postings parsed at once
// hold at most MaxSizeLimit bytes, so peak memory is bounded by the largest posting jdlint
// accepts rather than by the number of workers.
func TestMemoryBudget(t *testing.T) {
	b := newByteBudget(100)
	r1 := b.acquire(60)
	got := make(chan func(), 1)
	go func() { got <- b.acquire(60) }()
	select {
	case <-got:
		t.Fatal("160 bytes in a budget of 100")
	case <-time.After(50 * time.Millisecond):
	}
	r1()
	select {
	case r2 := <-got:
		r2()
	case <-time.After(time.Minute):
		t.Fatal("the budget never freed")
	}
	// more than the whole budget still gets through, alone
	b.acquire(1000)()

	// a run over big postings parses them one at a time: three of 600 KiB, in a budget
	// shrunk to 1 MiB for the test, on three workers
	defer func(saved *byteBudget) { inFlight = saved }(inFlight)
	inFlight = newByteBudget(1 << 20)
	dir := t.TempDir()
	big := bytes.Repeat([]byte("Own and order the product backlog. "), 600<<10/35)
	for i := range 3 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%d.md", i)), big, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var most atomic.Int64
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			inFlight.mu.Lock()
			most.Store(max(most.Load(), inFlight.used))
			inFlight.mu.Unlock()
			time.Sleep(time.Millisecond)
		}
	}()
	res := Run(Options{Paths: []string{dir}, Jobs: 3, NLP: defaultOpts(t)})
	close(stop)
	for _, r := range res {
		if r.Err != nil || r.Posting == nil {
			t.Fatalf("%s: %v", r.Path, r.Err)
		}
	}
	if most.Load() == 0 || most.Load() > 1<<20 {
		t.Errorf("%d bytes of postings parsed at once, want one 600 KiB posting at a time", most.Load())
	}
}
