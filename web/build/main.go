// Command build writes jdlint's paste-in web page into a folder of static files:
//
//	go run ./web/build -o DIR [-version VERSION]
//
// Serve the folder with any static file server (python3 -m http.server -d DIR) or publish
// it to GitHub Pages (.github/workflows/pages.yml). See docs/web.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/jdlint/jdlint/web"
)

func main() {
	dir := flag.String("o", "", "the folder to write the page into (created if missing)")
	version := flag.String("version", "", "the version the page shows (default: git describe, else dev)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: go run ./web/build -o DIR [-version VERSION]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *version == "" {
		*version = gitVersion()
	}
	st, err := web.Build(web.Options{Dir: *dir, Version: *version, Log: os.Stderr})
	if err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote the page (jdlint %s) to %s\n", *version, *dir)
	for _, f := range st.Files {
		fmt.Printf("  %-14s %10d bytes  %10d gzipped\n", f.Name, f.Bytes, f.Gzip)
	}
	w := st.Wasm
	verdict := "within"
	if w.Gzip > web.GzipBudget {
		verdict = "over"
	}
	fmt.Printf("%s: %.1f MB, %.1f MB gzipped: %s the %.0f MB budget\n", web.WasmFile,
		float64(w.Bytes)/1e6, float64(w.Gzip)/1e6, verdict, float64(web.GzipBudget)/1e6)
}

// gitVersion names the checked-out commit: its tag when it has one, else the short hash,
// with -dirty for uncommitted changes; "dev" outside a git checkout.
func gitVersion() string {
	out, err := exec.Command("git", "describe", "--tags", "--always", "--dirty").Output()
	if err != nil {
		return "dev"
	}
	if v := strings.TrimSpace(string(out)); v != "" {
		return v
	}
	return "dev"
}
