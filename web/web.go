// Package web builds jdlint's paste-in page: a folder of static files (index.html, a style
// sheet, a small script, a Web Worker that runs the engine, Go's wasm_exec.js, a service
// worker for offline use, and jdlint.wasm, which is web/wasm compiled with GOOS=js
// GOARCH=wasm). The page sends nothing
// anywhere: the posting is linted in the browser by the same code as the CLI.
//
// `go run ./web/build -o DIR` calls Build; docs/web.md says how to serve and publish the
// folder.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	texttemplate "text/template"

	"github.com/jdlint/jdlint/rules"
)

//go:embed site
var site embed.FS

// CSP is the page's Content-Security-Policy, set in a meta element (GitHub Pages cannot
// send headers): nothing but the page's own files, and WebAssembly compilation
// ('wasm-unsafe-eval'), which Go's wasm needs; no inline script or style, no other origin.
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'"

// WasmFile is the engine's file name in the built folder.
const WasmFile = "jdlint.wasm"

// GzipBudget is the most jdlint.wasm may weigh gzipped (issue 15: 6 MB).
const GzipBudget = 6_000_000

// Options say where and how to build the page.
type Options struct {
	Dir     string    // the folder to write; created if missing
	Version string    // jdlint's version as the page shows it
	Go      string    // the go command; "" means "go" on PATH
	Log     io.Writer // the go command's output; nil discards it
}

// File is one file of the built page.
type File struct {
	Name  string
	Bytes int64
	Gzip  int64 // its size gzipped at the best compression
}

// Stats is what Build wrote.
type Stats struct {
	Files []File
	Wasm  File // jdlint.wasm, also in Files
}

// Build writes the page into opts.Dir.
func Build(opts Options) (*Stats, error) {
	if opts.Dir == "" {
		return nil, errors.New("web: no output folder")
	}
	if opts.Go == "" {
		opts.Go = "go"
	}
	if opts.Version == "" {
		opts.Version = "dev"
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, err
	}
	if err := buildWasm(opts); err != nil {
		return nil, err
	}
	if err := copyWasmExec(opts); err != nil {
		return nil, err
	}
	if err := writeIndex(opts); err != nil {
		return nil, err
	}
	for _, name := range []string{"style.css", "app.js", "worker.js", "favicon.svg"} {
		data, err := site.ReadFile("site/" + name)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(opts.Dir, name), data, 0o644); err != nil {
			return nil, err
		}
	}
	if err := writeWorker(opts.Dir); err != nil {
		return nil, err
	}
	return stats(opts.Dir)
}

// pageFiles are the files the page loads, which the service worker keeps.
var pageFiles = []string{"index.html", "style.css", "app.js", "worker.js", "wasm_exec.js", WasmFile, "favicon.svg"}

// buildWasm compiles web/wasm for the browser, with jdlint's version stamped in.
func buildWasm(opts Options) error {
	out, err := filepath.Abs(filepath.Join(opts.Dir, WasmFile))
	if err != nil {
		return err
	}
	cmd := exec.Command(opts.Go, "build", "-trimpath",
		"-ldflags", "-s -w -X main.version="+opts.Version,
		"-o", out, "github.com/jdlint/jdlint/web/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if opts.Log != nil {
		cmd.Stdout, cmd.Stderr = io.MultiWriter(&log, opts.Log), io.MultiWriter(&log, opts.Log)
	}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("web: GOOS=js GOARCH=wasm go build ./web/wasm: %v\n%s", err, log.Bytes())
	}
	return nil
}

// copyWasmExec copies the JavaScript support file of the Go that builds the wasm: the two
// must come from the same release.
func copyWasmExec(opts Options) error {
	out, err := exec.Command(opts.Go, "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("web: go env GOROOT: %v", err)
	}
	root := strings.TrimSpace(string(out))
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} { // Go 1.24 moved it to lib/
		data, err := os.ReadFile(filepath.Join(root, p))
		if err == nil {
			return os.WriteFile(filepath.Join(opts.Dir, "wasm_exec.js"), data, 0o644)
		}
	}
	return fmt.Errorf("web: no wasm_exec.js under %s (lib/wasm or misc/wasm)", root)
}

// ruleDoc is a rule as the page's "How it decides" section lists it.
type ruleDoc struct {
	ID, Summary, Default, Fix string
	Doc                       []string // paragraphs
}

func ruleDocs() []ruleDoc {
	var out []ruleDoc
	for _, r := range rules.All() {
		d := ruleDoc{ID: r.ID, Summary: r.Summary, Default: r.Default.String(), Fix: r.Fix}
		for _, para := range strings.Split(r.Doc, "\n\n") {
			if p := strings.Join(strings.Fields(para), " "); p != "" {
				d.Doc = append(d.Doc, p)
			}
		}
		out = append(out, d)
	}
	return out
}

// Example returns the example posting the page offers.
func Example() string {
	data, _ := site.ReadFile("site/example.md")
	return string(data)
}

func writeIndex(opts Options) error {
	src, err := site.ReadFile("site/index.html")
	if err != nil {
		return err
	}
	t, err := htmltemplate.New("index").Parse(string(src))
	if err != nil {
		return err
	}
	var b bytes.Buffer
	data := struct {
		CSP, Version, Example string
		Rules                 []ruleDoc
	}{CSP, opts.Version, "\n" + Example(), ruleDocs()}
	if err := t.Execute(&b, data); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(opts.Dir, "index.html"), b.Bytes(), 0o644)
}

// writeWorker writes sw.js with a cache named after the content of this build's files, so
// that a new build replaces the files an earlier one left in browsers.
func writeWorker(dir string) error {
	h := sha256.New()
	for _, name := range pageFiles {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", name, len(data))
		h.Write(data)
	}
	files, _ := json.Marshal(append([]string{"./"}, pageFiles...))
	src, err := site.ReadFile("site/sw.js")
	if err != nil {
		return err
	}
	t, err := texttemplate.New("sw").Parse(string(src))
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, struct{ Cache, Files string }{"jdlint-" + hex.EncodeToString(h.Sum(nil))[:16], string(files)}); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "sw.js"), b.Bytes(), 0o644)
}

func stats(dir string) (*Stats, error) {
	var s Stats
	for _, name := range append(append([]string{}, pageFiles...), "sw.js") {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		f := File{Name: name, Bytes: int64(len(data)), Gzip: GzipSize(data)}
		s.Files = append(s.Files, f)
		if name == WasmFile {
			s.Wasm = f
		}
	}
	sort.Slice(s.Files, func(i, j int) bool { return s.Files[i].Name < s.Files[j].Name })
	return &s, nil
}

// GzipSize is the size of data gzipped at the best compression.
func GzipSize(data []byte) int64 {
	var n countWriter
	zw, _ := gzip.NewWriterLevel(&n, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return int64(n)
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
