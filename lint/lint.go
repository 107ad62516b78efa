// Package lint discovers postings, runs the nlp pipeline and the rules on each on a worker
// pool, and returns results in input order. It never prints; report/ formats its results.
package lint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sync"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// DefaultMaxSize is the largest file jdlint reads (5 MiB); larger files are refused.
const DefaultMaxSize = 5 << 20

// Options say what to lint and how.
type Options struct {
	Paths   []string  // files, folders and globs; "-" reads Stdin
	Stdin   io.Reader // used for "-"
	Jobs    int       // workers; 0 means all cores
	MaxSize int64     // 0 means DefaultMaxSize
	NLP     nlp.Options
	Rules   rules.Config
	// Configure, when set, returns the options for one file (nearest .jdlint.yml); it is
	// called before the file is linted. A returned error is reported against the file.
	Configure func(path string) (nlp.Options, rules.Config, error)
	// MaxSizeFor, when set, returns the size limit for one file (max_size of its nearest
	// .jdlint.yml); 0 means MaxSize.
	MaxSizeFor func(path string) int64
	// Ignore, when set, skips paths found by walking folders.
	Ignore func(path string) bool
	// Progress, when set, is called once per finished file.
	Progress func()
	// OnDiscover, when set, is called once before linting starts with the number of files
	// to lint (paths that failed discovery are not counted), so a progress bar can size itself.
	OnDiscover func(files int)
	// OnSkip, when set, is called once for each entry of a folder or a glob that is left
	// out because it is not a regular file (a named pipe, a socket, a device, or a symlink
	// to one), with why. Paths named on the command line are read as given.
	OnSkip func(path, why string)
	// KeepPosting keeps each result's Posting whole. By default Run streams: once a
	// posting's rules have run, its result keeps only what reports print and fixes read
	// (see Trim), so that memory grows by a few kilobytes per posting, not by every
	// sentence of every posting. jdlint tag, the web page and tests that look at sentences
	// call Check or Parse, which keep everything, or set this.
	KeepPosting bool
	// KeepTokens keeps each sentence's Tokens in the results' postings; it implies
	// KeepPosting. By default tokens are dropped with the sentences (nlp.Tokenize(s.Text)
	// gives them back).
	KeepTokens bool
}

// Result is the outcome for one file.
type Result struct {
	Path     string
	Posting  *nlp.Posting     // nil when the file could not be read or parsed; trimmed by Run (see Trim)
	Verdict  *verdict.Verdict // what the body describes; nil when Posting is nil
	Findings []rules.Finding
	Err      error // I/O or usage problem: exit code 2
	Skipped  string
	src      []byte
	walked   bool // found by walking a folder or a glob: read only if a regular file (walk.go)
}

// Src returns the bytes that were linted: what fixes, fingerprints and the reports' fix
// previews read. Run keeps them only for a posting with findings and for stdin (see Trim).
func (r *Result) Src() []byte { return r.src }

// Extensions are the file types found when walking folders.
var Extensions = map[string]bool{".md": true, ".markdown": true, ".txt": true}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Run lints every path and returns one Result per file, in discovery order whatever the
// number of workers.
func Run(opts Options) []Result {
	// The models every posting needs are built on another core while the files are found,
	// read and parsed: the sentence splitter's tables alone take 1-2 ms, a tenth of a
	// one-posting run. Whoever needs one first waits for it (sync.Once).
	go func() {
		nlp.Preload()
		rules.Preload()
	}()
	results := discover(opts.Paths, opts.Ignore, opts.OnSkip)
	if opts.OnDiscover != nil {
		n := 0
		for i := range results {
			if results[i].Err == nil {
				n++
			}
		}
		opts.OnDiscover(n)
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				lintOne(&results[i], opts)
				if opts.Progress != nil {
					opts.Progress()
				}
			}
		}()
	}
	for i := range results {
		if results[i].Err == nil {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	return results
}

// ReadFile reads a posting, refusing folders and files over maxSize.
func ReadFile(path string, stdin io.Reader, maxSize int64) ([]byte, error) {
	maxSize = clampSize(maxSize) // 0: the default; never over MaxSizeLimit
	if path == "-" {
		if stdin == nil {
			stdin = os.Stdin
		}
		b, err := io.ReadAll(io.LimitReader(stdin, maxSize+1))
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
		if int64(len(b)) > maxSize {
			return nil, fmt.Errorf("stdin: larger than the %s size limit; skipped", humanSize(maxSize))
		}
		return b, nil
	}
	return readOpened(path, maxSize, os.Open, func(m fs.FileMode) error {
		if m.IsDir() {
			return fmt.Errorf("read %s: is a folder", path)
		}
		return nil
	})
}

// readOpened opens path with open, lets check refuse what was opened (by its mode), and
// reads at most maxSize bytes (already clamped), refusing a larger file. ReadFile and
// readRegular (walk.go) differ only in open and check.
func readOpened(path string, maxSize int64, open func(string) (*os.File, error), check func(fs.FileMode) error) ([]byte, error) {
	f, err := openWith(open, path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrapPath(err))
	}
	if err := check(info.Mode()); err != nil {
		return nil, err
	}
	if info.Size() > maxSize {
		return nil, fmt.Errorf("%s: %s is larger than the %s size limit (max_size); skipped", path, humanSize(info.Size()), humanSize(maxSize))
	}
	b, err := readAllSized(io.LimitReader(f, maxSize+1), min(info.Size(), maxSize)+1)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrapPath(err))
	}
	if int64(len(b)) > maxSize {
		return nil, fmt.Errorf("%s: larger than the %s size limit (max_size); skipped", path, humanSize(maxSize))
	}
	return b, nil
}

// readAllSized is io.ReadAll with a first buffer of size bytes: a file's size and one byte
// more, so that a regular file is read in one call and its end found by a second, where
// io.ReadAll's 512 bytes take several reads and copies. A file that grew since its size
// was taken is read to its end all the same.
func readAllSized(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, max(size, 512))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // room to read more
		}
	}
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func lintOne(r *Result, opts Options) {
	limit := opts.MaxSize
	if opts.MaxSizeFor != nil {
		if n := opts.MaxSizeFor(r.Path); n > 0 {
			limit = n
		}
	}
	src, err := readPosting(r, opts.Stdin, limit)
	if err != nil {
		r.Err = err
		return
	}
	defer inFlight.acquire(int64(len(src)))() // bounds the memory of parallel workers (walk.go)
	r.src = src
	nopts, rcfg := opts.NLP, opts.Rules
	if opts.Configure != nil {
		nopts, rcfg, err = opts.Configure(r.Path)
		if err != nil {
			r.Err = err
			return
		}
	}
	*r = Check(r.Path, src, nopts, rcfg)
	switch {
	case opts.KeepTokens:
	case opts.KeepPosting:
		if p := r.Posting; p != nil {
			for i := range p.Sentences {
				p.Sentences[i].Tokens = nil
			}
		}
	default:
		Trim(r)
	}
}

// Trim drops from a linted result what no report prints and no fix reads, as Run does for
// every posting once its rules have run (unless Options.KeepPosting): the posting's
// sentences with their tokens and tags, its sections, its line index and the parser's copy
// of the text. What stays is what the reports read after the run: the title, language,
// notices, directives and front matter range of the posting, the verdict, and the findings
// with their spans, evidence and fixes. The source bytes stay only when something may read
// them: a posting with findings (fingerprints, fix previews, --diff, --fix) and stdin
// (--fix prints it back, fixed or not); Posting.Src follows Src. A report of trimmed results
// is byte for byte that of untrimmed ones (TestJobsSameOutput).
func Trim(r *Result) {
	p := r.Posting
	if p == nil {
		return
	}
	if len(r.Findings) == 0 && r.Path != "-" {
		r.src = nil
	}
	r.Posting = &nlp.Posting{Path: p.Path, Src: r.src, Markdown: p.Markdown, Title: p.Title, Language: p.Language,
		Notices: p.Notices, Directives: p.Directives, FrontMatter: p.FrontMatter}
}

// Check runs the whole pipeline on one posting held in memory: parse and tag (nlp), the
// verdict, the rules, and the inline directives (Suppress). The worker pool and the
// re-lint of fixed stdin both call it. Binary content comes back as Skipped, any other
// failure as Err; it never panics.
func Check(path string, src []byte, nopts nlp.Options, rcfg rules.Config) Result {
	r := Result{Path: path, src: src}
	p, err := Parse(path, src, nopts)
	if errors.Is(err, nlp.ErrBinary) {
		r.Skipped = err.Error()
		return r
	}
	if err != nil {
		r.Err = fmt.Errorf("lint %s: %w", path, err)
		return r
	}
	r.Posting = p
	v := verdict.Decide(p, rcfg.VerdictThresholds())
	r.Verdict = &v
	if r.Findings, err = check(p, r.Verdict, rcfg); err != nil {
		r.Err = fmt.Errorf("lint %s: %w", path, err)
	}
	r.Findings = Suppress(p, r.Findings)
	return r
}

// check runs the rules, turning a panic in one of them into an error for this posting, so
// that one odd posting cannot stop a run over a thousand.
func check(p *nlp.Posting, v *verdict.Verdict, rcfg rules.Config) (fs []rules.Finding, err error) {
	defer func() {
		if v := recover(); v != nil {
			fs, err = nil, fmt.Errorf("internal error in the rules: %v", v)
		}
	}()
	return rules.Check(p, v, rcfg), nil
}

// Parse parses and tags one posting from memory and checks its directives' rule names; it
// runs no rules (Check does). It never panics on any input.
func Parse(path string, src []byte, nopts nlp.Options) (p *nlp.Posting, err error) {
	defer func() {
		if v := recover(); v != nil {
			p, err = nil, fmt.Errorf("internal error: %v", v)
		}
	}()
	p, err = nlp.Parse(path, src, nopts)
	if p != nil {
		p.CheckDirectives(rules.IDs())
	}
	return p, err
}

// ExitCode is 2 when any file had an I/O or usage error, 1 when a finding reaches
// failLevel, else 0. A failLevel of Off never fails on findings.
func ExitCode(results []Result, failLevel rules.Severity) int {
	code := 0
	for _, r := range results {
		if r.Err != nil {
			return 2
		}
		for _, f := range r.Findings {
			if failLevel != rules.Off && f.Severity >= failLevel {
				code = 1
			}
		}
	}
	return code
}
