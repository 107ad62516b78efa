package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/jdlint/jdlint/nlp"
	"github.com/jdlint/jdlint/rules"
	"github.com/jdlint/jdlint/verdict"
)

// ConfigFile is the name of the config file looked for from each posting's folder upward.
const ConfigFile = ".jdlint.yml"

const (
	// maxConfigSize bounds what a config file may hold; real ones are a few KiB.
	maxConfigSize = 1 << 20
	// maxConfigNodes bounds the YAML nodes visited while decoding, aliases expanded, so
	// that an alias bomb ("billion laughs") fails fast instead of eating memory.
	maxConfigNodes = 100_000
)

// MaxSizeLimit is the ceiling of max_size and --max-size (32 MiB), the largest posting
// jdlint reads. Parsing a posting takes 30 to 70 times its size in memory at its peak, and
// the workers together parse no more than this many bytes at a time (walk.go), so a run
// needs about 1-2 GiB at most, whatever its flags, config and files.
const MaxSizeLimit = 32 << 20

// ConfigError is a problem in a config file, located at a line and column when it has one.
type ConfigError struct {
	File         string
	Line, Column int // 1-based; zero when the problem is with the file as a whole
	Msg          string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ConfigSource resolves the configuration of each posting: the --config file for every
// posting, or the nearest .jdlint.yml from the posting's folder up to the repository root (a
// folder holding .git) or the filesystem root. The nearest file wins whole; files are not
// merged. Lookups are cached per folder and loads per file, so a folder of 1,000 postings
// reads its config once. A ConfigSource is safe for concurrent use.
type ConfigSource struct {
	base     nlp.Options  // defaults, before any config
	flags    rules.Config // --enable/--disable: they win over every config
	noConfig bool
	explicit *fileConfig // --config, already loaded; nil otherwise

	// Warn, when set (before the first lookup), is told once about each .jdlint.yml that is
	// passed over because another user owns it (see untrustedOwner).
	Warn func(msg string)

	mu     sync.Mutex
	dirs   map[string]*dirEntry  // absolute folder -> its nearest config
	files  map[string]*fileEntry // absolute config path -> the loaded file
	taxes  map[string]*taxEntry  // vocabulary (as JSON) -> compiled taxonomy
	warned map[string]bool       // untrusted config files already reported
}

type dirEntry struct {
	once    sync.Once
	cfg     *fileConfig // nil when no config applies
	err     error
	skipped []string // config files passed over on the way up, and why
}

type fileEntry struct {
	once sync.Once
	cfg  *fileConfig
	err  error
}

type taxEntry struct {
	once sync.Once
	tax  *nlp.Taxonomy
	err  error
}

// fileConfig is one loaded config file, resolved against the defaults and the flags.
type fileConfig struct {
	path    string // as named in messages
	dir     string // absolute folder holding it: ignore globs are relative to it
	nlp     nlp.Options
	rules   rules.Config
	maxSize int64 // 0 when not set
	ignore  []string
	raw     *rawConfig // what the file says, for --print-config
}

// NewConfigSource prepares config lookup. explicit is the --config file (loaded now, so a
// bad one stops the run before any posting is read); noConfig ignores every config file.
// base holds the default parse options and rcfg the rule settings from flags, which win
// over the config's.
func NewConfigSource(explicit string, noConfig bool, base nlp.Options, rcfg rules.Config) (*ConfigSource, error) {
	if explicit != "" && noConfig {
		return nil, errors.New("--config and --no-config: give one or the other")
	}
	if base.Taxonomy == nil {
		t, err := nlp.DefaultTaxonomy()
		if err != nil {
			return nil, err
		}
		base.Taxonomy = t
	}
	c := &ConfigSource{base: base, flags: rcfg, noConfig: noConfig,
		dirs: map[string]*dirEntry{}, files: map[string]*fileEntry{}, taxes: map[string]*taxEntry{}, warned: map[string]bool{}}
	if explicit != "" {
		cfg, err := c.load(explicit, false)
		if err != nil {
			return nil, err
		}
		c.explicit = cfg
	}
	return c, nil
}

// Apply sets the per-file configuration hooks on opts: Configure, Ignore (combined with
// any Ignore already set) and, unless opts.MaxSize was given (--max-size), MaxSizeFor.
func (c *ConfigSource) Apply(opts *Options) {
	if c.noConfig {
		return
	}
	opts.Configure = c.Configure
	prev := opts.Ignore
	opts.Ignore = func(path string) bool {
		return (prev != nil && prev(path)) || c.Ignored(path)
	}
	if opts.MaxSize <= 0 {
		opts.MaxSizeFor = c.MaxSize
	}
}

// Configure returns the parse options and rule settings for the posting at path ("-" is
// looked up from the current folder).
func (c *ConfigSource) Configure(path string) (nlp.Options, rules.Config, error) {
	cfg, err := c.forFile(path)
	if err != nil {
		return nlp.Options{}, rules.Config{}, err
	}
	if cfg == nil {
		return c.base, c.flags, nil
	}
	return cfg.nlp, cfg.rules, nil
}

// MaxSize returns the max_size that applies to path, or 0 when no config sets one.
func (c *ConfigSource) MaxSize(path string) int64 {
	cfg, err := c.forFile(path)
	if err != nil || cfg == nil {
		return 0 // a broken config is reported by Configure
	}
	return cfg.maxSize
}

// Ignored reports whether path (a file or a folder met while walking a folder) matches an
// ignore glob of the config that applies to it. A folder is judged by its parent's config.
func (c *ConfigSource) Ignored(path string) bool {
	if c.noConfig {
		return false
	}
	cfg, err := c.forFile(path)
	if err != nil || cfg == nil || len(cfg.ignore) == 0 {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	return matchIgnore(cfg.ignore, cfg.dir, abs)
}

// forFile returns the config for the posting at path: the explicit one, or the nearest.
func (c *ConfigSource) forFile(path string) (*fileConfig, error) {
	if c.noConfig {
		return nil, nil
	}
	if c.explicit != nil {
		return c.explicit, nil
	}
	dir := "."
	if path != "-" {
		dir = filepath.Dir(path)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("find config for %s: %w", path, err)
	}
	return c.forDir(abs)
}

// forDir returns the nearest config of an absolute folder, walking up once per folder.
func (c *ConfigSource) forDir(dir string) (*fileConfig, error) {
	e := c.dirEntry(dir)
	return e.cfg, e.err
}

// dirEntry looks up the nearest config of an absolute folder, once. A .jdlint.yml owned by
// another user is passed over (named once through Warn) and the lookup goes on upward.
func (c *ConfigSource) dirEntry(dir string) *dirEntry {
	c.mu.Lock()
	e := c.dirs[dir]
	if e == nil {
		e = &dirEntry{}
		c.dirs[dir] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		name := filepath.Join(dir, ConfigFile)
		info, err := os.Stat(name)
		switch {
		case err == nil && info.IsDir():
			e.err = &ConfigError{File: name, Msg: "is a folder, not a config file"}
			return
		case err == nil && !info.Mode().IsRegular():
			// a named pipe or a device would block the read, or never end
			e.err = &ConfigError{File: name, Msg: "is not a regular file (" + describeMode(info.Mode()) + "); a config file must be one"}
			return
		case err == nil:
			cfg, err := c.loadCached(name)
			var ue *untrustedConfig
			if !errors.As(err, &ue) {
				e.cfg, e.err = cfg, err
				return
			}
			c.warnOnce(ue)
			e.skipped = []string{ue.path + ": " + ue.why}
		case !errors.Is(err, os.ErrNotExist):
			e.err = fmt.Errorf("read config %s: %w", name, unwrapPath(err))
			return
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return // the repository root: look no higher
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return
		}
		pe := c.dirEntry(parent)
		e.cfg, e.err = pe.cfg, pe.err
		e.skipped = append(e.skipped, pe.skipped...)
	})
	return e
}

// warnOnce tells Warn about an untrusted config file the first time it is passed over.
func (c *ConfigSource) warnOnce(ue *untrustedConfig) {
	c.mu.Lock()
	first := !c.warned[ue.path]
	c.warned[ue.path] = true
	c.mu.Unlock()
	if first && c.Warn != nil {
		c.Warn(ue.Error())
	}
}

// loadCached loads a config file once, whichever folders lead to it.
func (c *ConfigSource) loadCached(path string) (*fileConfig, error) {
	c.mu.Lock()
	e := c.files[path]
	if e == nil {
		e = &fileEntry{}
		c.files[path] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.cfg, e.err = c.load(displayName(path), true) })
	return e.cfg, e.err
}

// displayName shortens an absolute path to one relative to the current folder when that
// is shorter, for messages.
func displayName(abs string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return abs
}

// load reads, decodes and resolves one config file; found says it was looked up rather than
// named by --config (see readConfigFile).
func (c *ConfigSource) load(path string, found bool) (*fileConfig, error) {
	data, err := readConfigFile(path, found)
	if err != nil {
		return nil, err
	}
	raw, err := decodeConfig(path, data, c.base.Taxonomy)
	if err != nil {
		return nil, err
	}
	return c.resolve(path, raw)
}

// readConfigFile reads a config file. One that was found (a .jdlint.yml) must be a regular
// file: it is opened without blocking and checked, so a named pipe or a device put in its
// place is an error, not a hang; and one owned by another user is not read (an
// *untrustedConfig error; the owner is taken from the open file, so it cannot be swapped
// after the check). One named by --config is read as given, as a posting named on the
// command line is.
func readConfigFile(path string, found bool) ([]byte, error) {
	open := os.Open
	if found {
		open = openNoBlock
	}
	f, err := open(path)
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, &ConfigError{File: path, Msg: "is a folder, not a config file"}
	} else if err == nil && found && !info.Mode().IsRegular() {
		return nil, &ConfigError{File: path, Msg: "is not a regular file (" + describeMode(info.Mode()) + "); a config file must be one"}
	} else if err == nil && found {
		if why := untrustedOwner(path, info); why != "" {
			return nil, &untrustedConfig{path: path, why: why}
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, unwrapPath(err))
	}
	if len(data) > maxConfigSize {
		return nil, &ConfigError{File: path, Msg: fmt.Sprintf("larger than %s; not a jdlint config", humanSize(maxConfigSize))}
	}
	return data, nil
}

// resolve merges a decoded config with the defaults and the flags.
func (c *ConfigSource) resolve(path string, raw *rawConfig) (*fileConfig, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	cfg := &fileConfig{path: path, dir: filepath.Dir(abs), nlp: c.base, maxSize: int64(raw.maxSize), ignore: raw.ignore, raw: raw}

	// thresholds
	th := verdict.DefaultThresholds
	for _, f := range thresholdFields(&th) {
		if v, ok := raw.thresholds[f.key]; ok {
			*f.ptr = v
		}
	}
	if raw.threshNode != nil {
		val := func(key string, v float64) string {
			if _, set := raw.thresholds[key]; set {
				return fmt.Sprintf("%s (%g)", key, v)
			}
			return fmt.Sprintf("%s (%g by default)", key, v)
		}
		switch {
		case th.BlendLow > th.BlendHigh:
			return nil, configErrAt(path, raw.threshNode, fmt.Sprintf("%s is above %s: the blended band is blend_low..blend_high", val("blend_low", th.BlendLow), val("blend_high", th.BlendHigh)))
		case th.PMBlendLow > th.BlendHigh:
			return nil, configErrAt(path, raw.threshNode, fmt.Sprintf("%s is above %s: the blended band for PM titles is pm_blend_low..blend_high", val("pm_blend_low", th.PMBlendLow), val("blend_high", th.BlendHigh)))
		}
	}
	thresholds := th

	// title aliases: the config's first, so that they win over the defaults
	if len(raw.titles) > 0 {
		cfg.nlp.TitleAliases = append(append([]nlp.TitleAlias{}, raw.titles...), c.base.TitleAliases...)
	}

	// vocabulary: a new taxonomy, never a change to the default
	if !raw.vocab.empty() {
		tax, err := c.taxonomy(raw.vocab)
		if err != nil {
			return nil, configErrAt(path, raw.vocabNode, err.Error())
		}
		cfg.nlp.Taxonomy = tax
	}

	// rules: the config's, then the flags'
	rc := rules.Config{Severity: map[string]rules.Severity{}, Thresholds: &thresholds}
	for id, s := range raw.rules {
		if s.severity != nil {
			rc.Severity[id] = *s.severity
		}
	}
	for id, sev := range c.flags.Severity {
		rc.Severity[id] = sev
	}
	cfg.rules = rc
	return cfg, nil
}

// taxonomy compiles the base taxonomy plus a config's vocabulary, once per distinct
// vocabulary. The base categories are copied, never changed.
func (c *ConfigSource) taxonomy(v vocabulary) (*nlp.Taxonomy, error) {
	key, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	e := c.taxes[string(key)]
	if e == nil {
		e = &taxEntry{}
		c.taxes[string(key)] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		base := c.base.Taxonomy.Categories
		cats := make([]nlp.Category, 0, len(base)+len(v.Categories))
		for _, cat := range base {
			cat.Phrases = append([]string(nil), cat.Phrases...)
			cat.Phrases = append(cat.Phrases, v.Add[cat.ID]...)
			cats = append(cats, cat)
		}
		for _, cat := range v.Categories {
			cat.Phrases = append([]string(nil), cat.Phrases...)
			cat.User = true // the user's words: no built-in category claims them
			cats = append(cats, cat)
		}
		e.tax, e.err = nlp.Compile(cats, v.Ignore)
	})
	return e.tax, e.err
}
