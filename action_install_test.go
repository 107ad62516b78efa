package main

// Tests of how the Action gets jdlint (issue 13 item 15): from a release tag it downloads the
// release's archive from a fake GitHub (an httptest TLS server that serves the tags as git's
// dumb HTTP protocol does, the archive and checksums.txt) and checks it against its
// checksum; from an untagged ref it builds from source, with the Go it finds and without
// changing the job's PATH.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fakeRelease is a GitHub that holds releases of jdlint/jdlint.
type fakeRelease struct {
	srv      *httptest.Server
	caFile   string            // the server's certificate, for curl and git
	refs     string            // info/refs: "SHA\trefs/tags/NAME" lines, peeled lines too
	files    map[string][]byte // "v1.2.3/name" -> content
	mu       sync.Mutex
	requests []string
}

// releaseCommit and the other commits the fake tags point at.
const (
	releaseCommit = "1111111111111111111111111111111111111111" // v1.2.3, v1.3.0-rc.1, v1
	tagObject     = "2222222222222222222222222222222222222222" // v1.2.3's annotated tag object
	olderCommit   = "3333333333333333333333333333333333333333" // v1.2.2
	untagged      = "4444444444444444444444444444444444444444" // no tag
)

// newFakeRelease serves release v1.2.3 of jdlint for Linux on amd64: an archive whose jdlint
// and jdlint-github say they are v1.2.3 and otherwise run r's, and a checksums.txt that lists
// it with sum ("" for its real SHA-256).
func newFakeRelease(t *testing.T, r *runner, sum string) *fakeRelease {
	t.Helper()
	f := &fakeRelease{files: map[string][]byte{}}
	files := map[string]string{"README.md": "# jdlint\n"}
	for name, bin := range map[string]string{"jdlint": r.bin, "jdlint-github": r.binGitHub} {
		files[name] = fmt.Sprintf("#!/usr/bin/env bash\nif [[ \"${1:-}\" == --version ]]; then echo '%s version v1.2.3'; exit 0; fi\nexec %q \"$@\"\n", name, bin)
	}
	f.setArchive(t, files, sum)
	f.refs = strings.Join([]string{
		releaseCommit + "\trefs/tags/v1",
		olderCommit + "\trefs/tags/v1.2.2",
		tagObject + "\trefs/tags/v1.2.3",
		releaseCommit + "\trefs/tags/v1.2.3^{}",
		releaseCommit + "\trefs/tags/v1.3.0-rc.1",
		olderCommit + "\trefs/tags/v0-not-a-release",
	}, "\n") + "\n"
	f.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.requests = append(f.requests, r.URL.Path)
		f.mu.Unlock()
		if r.URL.Path == "/jdlint/jdlint/info/refs" {
			// git's dumb HTTP protocol: not an upload-pack advertisement, so git reads the list
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, f.refs)
			return
		}
		if name, ok := strings.CutPrefix(r.URL.Path, "/jdlint/jdlint/releases/download/"); ok {
			f.mu.Lock()
			b, ok := f.files[name]
			f.mu.Unlock()
			if ok {
				w.Write(b)
				return
			}
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(f.srv.Close)
	f.caFile = filepath.Join(t.TempDir(), "ca.pem")
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.srv.Certificate().Raw})
	if err := os.WriteFile(f.caFile, cert, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

// setArchive makes the release's linux_amd64 archive hold files (name -> content) and lists
// it in checksums.txt with sum ("" for its real SHA-256).
func (f *fakeRelease) setArchive(t *testing.T, files map[string]string, sum string) {
	t.Helper()
	archive := tarGz(t, files)
	if sum == "" {
		h := sha256.Sum256(archive)
		sum = hex.EncodeToString(h[:])
	}
	other := strings.Repeat("0", 64)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files["v1.2.3/jdlint_1.2.3_linux_amd64.tar.gz"] = archive
	f.files["v1.2.3/checksums.txt"] = fmt.Appendf(nil, "%s  jdlint_1.2.3_darwin_arm64.tar.gz\n%s  jdlint_1.2.3_linux_amd64.tar.gz\n%s  jdlint_1.2.3_windows_amd64.zip\n", other, sum, other)
}

// env is what a run against this server needs: GitHub's URL, and its certificate trusted
// by curl and git.
func (f *fakeRelease) env() []string {
	return []string{"GITHUB_SERVER_URL=" + f.srv.URL, "CURL_CA_BUNDLE=" + f.caFile, "GIT_SSL_CAINFO=" + f.caFile}
}

// downloads returns how many release files were asked for.
func (f *fakeRelease) downloads() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, p := range f.requests {
		if strings.Contains(p, "/releases/download/") {
			n++
		}
	}
	return n
}

// tarGz makes a .tar.gz archive of files (name -> content, mode 0755).
func tarGz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, name := range sortedKeys(files) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(files[name])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestActionInstall(t *testing.T) {
	for _, tool := range []string{"curl", "git", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s", tool)
		}
	}
	r := newRunner(t)
	noGo := pathWithout(t, "go") // a download needs no Go: a build would fail without it

	// lint runs the whole Action on a mislabeled posting with this ref and returns the result
	lint := func(t *testing.T, f *fakeRelease, opts runOpts) runResult {
		t.Helper()
		ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md"}})
		opts.install = true
		opts.env = append(opts.env, f.env()...)
		if opts.actionRepo == "" && opts.actionPath == "" {
			opts.actionRepo = "jdlint/jdlint"
		}
		// suggest-fixes runs the installed jdlint-github too: outside a pull request it only
		// annotates, and prints its count line
		return r.run(t, ws, map[string]string{"paths": "postings", "suggest-fixes": "true"}, opts)
	}

	// the count line of a jdlint-github that ran outside a pull request, for the one fix
	const suggestedNone = "jdlint: suggested changes: 0 posted, 0 updated, 0 unchanged, 0 deleted, 1 shown as annotations"

	for _, tc := range []struct {
		name string
		opts runOpts
	}{
		{"version tag", runOpts{actionRef: "v1.2.3"}},
		{"floating major tag", runOpts{actionRef: "v1"}},
		{"commit of a release", runOpts{actionRef: releaseCommit}},
	} {
		t.Run("download: "+tc.name, func(t *testing.T) {
			f := newFakeRelease(t, r, "")
			tc.opts.path = noGo
			res := lint(t, f, tc.opts)
			if res.code != 1 || res.outputs["mislabeled"] != "1" {
				t.Fatalf("exit %d, outputs %v; want jdlint's 1 and the mislabeled posting\n%s", res.code, res.outputs, res.log)
			}
			if res.steps["install.method"] != "download" || res.steps["install.version"] != "v1.2.3" {
				t.Errorf("install: method %q version %q, want a download of v1.2.3 (the final release on the ref's commit)\n%s",
					res.steps["install.method"], res.steps["install.version"], res.log)
			}
			if !strings.Contains(res.log, "jdlint: v1.2.3, checksum verified") {
				t.Errorf("the log does not say the checksum was verified:\n%s", res.log)
			}
			if !strings.Contains(res.log, suggestedNone) {
				t.Errorf("the downloaded jdlint-github did not run:\n%s", res.log)
			}
			if f.downloads() != 2 {
				t.Errorf("%d release files downloaded, want the archive and checksums.txt", f.downloads())
			}
		})
	}

	t.Run("download: ref from the action's folder", func(t *testing.T) {
		// the runner's folder _actions/OWNER/REPO/REF names the action; github.action_ref
		// may be missing (actions/runner#2525) or, inside another composite action, the outer
		// action's
		f := newFakeRelease(t, r, "")
		dir := filepath.Join(t.TempDir(), "_actions", "jdlint", "jdlint")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(r.root, filepath.Join(dir, "v1")); err != nil {
			t.Fatal(err)
		}
		res := lint(t, f, runOpts{actionPath: filepath.Join(dir, "v1"), actionRef: "v9", actionRepo: "acme/outer", path: noGo})
		if res.code != 1 || res.steps["install.version"] != "v1.2.3" {
			t.Errorf("exit %d, version %q; want v1.2.3 downloaded for _actions/jdlint/jdlint/v1\n%s", res.code, res.steps["install.version"], res.log)
		}
	})

	t.Run("download: bad checksum", func(t *testing.T) {
		f := newFakeRelease(t, r, strings.Repeat("ab", 32))
		res := lint(t, f, runOpts{actionRef: "v1.2.3"})
		if res.code != 2 {
			t.Fatalf("exit %d, want 2: an archive that does not match its checksum must not be used\n%s", res.code, res.log)
		}
		cmds, _ := workflowCommands(res.log)
		if !slices.ContainsFunc(cmds, func(c string) bool {
			return strings.HasPrefix(c, "::error title=jdlint::jdlint_1.2.3_linux_amd64.tar.gz does not match its checksum")
		}) {
			t.Errorf("no error annotation about the checksum: %q", cmds)
		}
		if res.steps["install.method"] != "" || res.outputs["exit-code"] != "" {
			t.Errorf("steps after the failed install ran: %v", res.steps)
		}
		if strings.Contains(res.log, "building jdlint from source") {
			t.Error("a bad checksum fell back to a build; only an untagged ref may build")
		}
	})

	t.Run("download: archive without jdlint-github", func(t *testing.T) {
		f := newFakeRelease(t, r, "")
		f.setArchive(t, map[string]string{"jdlint": "#!/usr/bin/env bash\necho 'jdlint version v1.2.3'\n", "README.md": "# jdlint\n"}, "")
		res := lint(t, f, runOpts{actionRef: "v1.2.3", path: noGo})
		cmds, _ := workflowCommands(res.log)
		if res.code != 2 || !slices.Contains(cmds, "::error title=jdlint::could not unpack jdlint_1.2.3_linux_amd64.tar.gz") {
			t.Errorf("exit %d, commands %q; want 2 and an error: the Action needs both binaries\n%s", res.code, cmds, res.log)
		}
		if res.steps["install.method"] != "" || res.outputs["exit-code"] != "" {
			t.Errorf("steps after the failed install ran: %v", res.steps)
		}
	})

	t.Run("download: tags cannot be listed", func(t *testing.T) {
		f := newFakeRelease(t, r, "")
		f.refs = "not a ref list"
		res := lint(t, f, runOpts{actionRef: "v1"})
		cmds, _ := workflowCommands(res.log)
		if res.code != 2 || !slices.ContainsFunc(cmds, func(c string) bool { return strings.HasPrefix(c, "::error title=jdlint::") }) {
			t.Errorf("exit %d, commands %q; want 2 and an error: v1 names a release, so no build", res.code, cmds)
		}
	})

	for _, tc := range []struct{ name, ref string }{
		{"untagged commit", untagged},
		{"branch", "main"},
	} {
		t.Run("build: "+tc.name, func(t *testing.T) {
			f := newFakeRelease(t, r, "")
			temp := t.TempDir()
			warmBuildCache(t, temp)
			pathBefore := os.Getenv("PATH")
			res := lint(t, f, runOpts{actionRef: tc.ref, runnerTemp: temp})
			if res.code != 1 || res.outputs["mislabeled"] != "1" {
				t.Fatalf("exit %d, outputs %v; want jdlint's 1 and the mislabeled posting\n%s", res.code, res.outputs, res.log)
			}
			if res.steps["install.method"] != "build" || f.downloads() != 0 {
				t.Errorf("install: method %q, %d downloads; want a build and no download", res.steps["install.method"], f.downloads())
			}
			// the ref is the built jdlint's version
			for _, bin := range []string{"jdlint", "jdlint-github"} {
				if !regexp.MustCompile(`(?m)^` + bin + ` version ` + regexp.QuoteMeta(tc.ref) + `$`).MatchString(res.log) {
					t.Errorf("the %s build does not say it is %s:\n%s", bin, tc.ref, res.log)
				}
			}
			if !strings.Contains(res.log, suggestedNone) {
				t.Errorf("the built jdlint-github did not run:\n%s", res.log)
			}
			if !strings.HasPrefix(res.steps["install.cache-key"], "jdlint-build-Linux-X64-go") {
				t.Errorf("cache key %q", res.steps["install.cache-key"])
			}
			if os.Getenv("PATH") != pathBefore {
				t.Error("PATH changed")
			}
		})
	}

	t.Run("build: no Go", func(t *testing.T) {
		// neither on PATH nor in the runner's tool cache: a clear error, no PATH change
		f := newFakeRelease(t, r, "")
		res := lint(t, f, runOpts{actionRef: "main", path: noGo})
		cmds, _ := workflowCommands(res.log)
		if res.code != 2 || !slices.ContainsFunc(cmds, func(c string) bool {
			return strings.Contains(c, "needs Go 1.21 or newer on the runner; use a release tag of the Action")
		}) {
			t.Errorf("exit %d, commands %q; want 2 and an error that names the way out", res.code, cmds)
		}
	})
}

// TestActionsPinned: every action that action.yml, the workflows and the examples use from
// another repository is pinned by its full commit SHA, with the version in a comment
// (`uses: actions/checkout@08c6903… # v5.0.0`), so that a moved tag cannot change what runs.
// This repository's own Action (./ here, jdlint/jdlint@v1 in the examples) is exempt: its
// ref picks the release it downloads.
func TestActionsPinned(t *testing.T) {
	files := []string{"action.yml"}
	for _, glob := range []string{".github/workflows/*.yml", "examples/*.yml"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	usesLine := regexp.MustCompile(`^\s*(?:-\s+)?uses:\s*(\S+)(.*)$`)
	pinned := regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`)
	version := regexp.MustCompile(`^\s+#\s+v\d+(\.\d+){0,2}$`)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			m := usesLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			n++
			ref, rest := m[1], m[2]
			switch {
			case strings.HasPrefix(ref, "./"), strings.HasPrefix(ref, "jdlint/jdlint@"):
			case !pinned.MatchString(ref) || !version.MatchString(rest):
				t.Errorf("%s:%d: %s%s: pin it by commit SHA with the version in a comment (@<40 hex> # vX.Y.Z)", f, i+1, ref, rest)
			}
		}
	}
	if n == 0 {
		t.Fatal("no uses: lines found")
	}
}

// TestExampleWorkflowScope: the example asks only for the permissions its steps use, starts
// only for a postings folder (not for README.md or CHANGELOG.md), and says what its paths:
// filter means for a required check (issue 13 item 15).
func TestExampleWorkflowScope(t *testing.T) {
	w := loadExample(t)
	want := map[string]string{"contents": "read", "security-events": "write"} // checkout; upload-sarif
	if !mapsEqual(w.Permissions, want) {
		t.Errorf("permissions %v, want %v", w.Permissions, want)
	}
	for name, job := range w.Jobs {
		if len(job.Permissions) > 0 {
			t.Errorf("job %s asks for permissions of its own: %v", name, job.Permissions)
		}
	}
	paths := w.On.PullRequest.Paths
	if len(paths) == 0 {
		t.Fatal("on.pull_request.paths: none; the example should start only for the postings folder")
	}
	for _, p := range paths {
		if strings.HasPrefix(p, "*") || !strings.Contains(p, "/") {
			t.Errorf("paths filter %q matches files outside a postings folder (README.md, CHANGELOG.md)", p)
		}
	}
	var postings string
	for _, job := range w.Jobs {
		for _, st := range job.Steps {
			if st.ID == "changed" {
				postings = st.Env["POSTINGS"]
			}
		}
	}
	for _, spec := range strings.Fields(postings) {
		if strings.HasPrefix(spec, "*") || !strings.Contains(spec, "/") {
			t.Errorf("POSTINGS pathspec %q matches files outside a postings folder", spec)
		}
	}
	if postings == "" {
		t.Error(`the step "changed" has no POSTINGS`)
	}
	b, err := os.ReadFile(filepath.Join("examples", "jdlint-pull-request.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"required status check", "paths:", "pull-requests: write", "actions: read"} {
		if !strings.Contains(string(b), s) {
			t.Errorf("the example's comments do not mention %q", s)
		}
	}
}
