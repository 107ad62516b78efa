package main

// The Action's suggest-fixes input (issue 13 item 16), in the simulated runner against a
// fake GitHub REST API (httptest): safe fixes become review comments with ```suggestion
// blocks on lines of the pull request's diff, a re-run updates its own comments and deletes
// the ones no longer needed, and a pull request from a fork or a read-only token gets
// annotations instead.

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

const (
	fakeRepo  = "acme/careers"
	fakePR    = 7
	fakeHead  = "abcdefabcdefabcdefabcdefabcdefabcdefabcd"
	fakeToken = "test-token"
)

// fakeComment is a review comment as the fake API keeps it.
type fakeComment struct {
	ID        int64  `json:"id"`
	Body      string `json:"body"`
	Path      string `json:"path"`
	Line      *int   `json:"line"`
	StartLine *int   `json:"start_line"`
	CommitID  string `json:"commit_id"`
	User      struct {
		Login string `json:"login"`
		Type  string `json:"type"`
	} `json:"user"`
}

// fakeGitHub is the part of GitHub's REST API that suggested changes use, for one pull
// request of fakeRepo.
type fakeGitHub struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	files    []map[string]any       // the pull request's files, as the API lists them
	diff     map[string]map[int]int // path -> commentable line -> hunk
	comments map[int64]*fakeComment
	nextID   int64
	readOnly bool     // a token that may read but not write
	calls    []string // "METHOD /path"
}

func newFakeGitHub(t *testing.T) *fakeGitHub {
	g := &fakeGitHub{t: t, comments: map[int64]*fakeComment{}, diff: map[string]map[int]int{}, nextID: 100}
	g.srv = httptest.NewServer(http.HandlerFunc(g.serve))
	t.Cleanup(g.srv.Close)
	return g
}

// addFile adds a file of the workspace to the pull request: its blob id, and a diff of one
// hunk that shows lines first to last of the new file.
func (g *fakeGitHub) addFile(ws, path string, first, last int) {
	g.t.Helper()
	data, err := os.ReadFile(filepath.Join(ws, filepath.FromSlash(path)))
	if err != nil {
		g.t.Fatal(err)
	}
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	patch := fmt.Sprintf("@@ -%d,%d +%d,%d @@", first, last-first, first, last-first+1)
	g.diff[path] = map[int]int{}
	for n := first; n <= last; n++ {
		sign := " "
		if n == last {
			sign = "+"
		}
		patch += "\n" + sign + lines[n-1]
		g.diff[path][n] = 1
	}
	g.files = append(g.files, map[string]any{"filename": path, "status": "modified", "sha": hex.EncodeToString(h.Sum(nil)), "patch": patch})
}

// addComment stores a comment as someone else, or an earlier run, made it.
func (g *fakeGitHub) addComment(path string, line int, body, login, kind string) int64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.nextID++
	c := &fakeComment{ID: g.nextID, Body: body, Path: path, Line: &line, CommitID: fakeHead}
	c.User.Login, c.User.Type = login, kind
	g.comments[c.ID] = c
	return c.ID
}

// writes returns the calls that changed something.
func (g *fakeGitHub) writes() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.DeleteFunc(slices.Clone(g.calls), func(c string) bool { return strings.HasPrefix(c, "GET ") })
}

func (g *fakeGitHub) callCount() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.calls)
}

// sorted returns the comments by id.
func (g *fakeGitHub) sorted() []fakeComment {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []fakeComment
	for _, c := range g.comments {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b fakeComment) int { return int(a.ID - b.ID) })
	return out
}

var commentPath = regexp.MustCompile(`^/repos/` + fakeRepo + `/pulls/comments/(\d+)$`)

func (g *fakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.calls = append(g.calls, r.Method+" "+r.URL.Path)
	fail := func(status int, msg string) {
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]string{"message": msg})
	}
	if r.Header.Get("Authorization") != "Bearer "+fakeToken {
		fail(http.StatusUnauthorized, "Bad credentials")
		return
	}
	if r.Method != http.MethodGet && g.readOnly {
		fail(http.StatusForbidden, "Resource not accessible by integration")
		return
	}
	pull := fmt.Sprintf("/repos/%s/pulls/%d", fakeRepo, fakePR)
	switch {
	case r.Method == http.MethodGet && r.URL.Path == pull+"/files":
		json.NewEncoder(w).Encode(g.files)
	case r.Method == http.MethodGet && r.URL.Path == pull+"/comments":
		// two a page, to make the client follow the Link header
		var all []*fakeComment
		for _, c := range g.comments {
			all = append(all, c)
		}
		slices.SortFunc(all, func(a, b *fakeComment) int { return int(a.ID - b.ID) })
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		page = max(page, 1)
		from, to := min(len(all), (page-1)*2), min(len(all), page*2)
		if to < len(all) {
			w.Header().Set("Link", fmt.Sprintf(`<%s%s?per_page=100&page=%d>; rel="next"`, g.srv.URL, r.URL.Path, page+1))
		}
		json.NewEncoder(w).Encode(all[from:to])
	case r.Method == http.MethodPost && r.URL.Path == pull+"/comments":
		var in struct {
			Body      string `json:"body"`
			CommitID  string `json:"commit_id"`
			Path      string `json:"path"`
			Side      string `json:"side"`
			Line      int    `json:"line"`
			StartLine int    `json:"start_line"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			fail(http.StatusBadRequest, "Problems parsing JSON")
			return
		}
		hunks := g.diff[in.Path]
		start := in.Line
		if in.StartLine != 0 {
			start = in.StartLine
		}
		// GitHub's rule: a comment's lines must all be in one hunk of the diff
		if in.CommitID != fakeHead || in.Side != "RIGHT" || hunks == nil || hunks[in.Line] == 0 || hunks[start] != hunks[in.Line] {
			fail(http.StatusUnprocessableEntity, "pull_request_review_thread.line must be part of the diff")
			return
		}
		g.nextID++
		line := in.Line
		c := &fakeComment{ID: g.nextID, Body: in.Body, Path: in.Path, Line: &line, CommitID: in.CommitID}
		if in.StartLine != 0 {
			c.StartLine = &in.StartLine
		}
		c.User.Login, c.User.Type = "github-actions[bot]", "Bot"
		g.comments[c.ID] = c
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(c)
	case commentPath.MatchString(r.URL.Path):
		id, _ := strconv.ParseInt(commentPath.FindStringSubmatch(r.URL.Path)[1], 10, 64)
		c, ok := g.comments[id]
		if !ok {
			fail(http.StatusNotFound, "Not Found")
			return
		}
		switch r.Method {
		case http.MethodPatch:
			var in struct {
				Body string `json:"body"`
			}
			json.NewDecoder(r.Body).Decode(&in)
			c.Body = in.Body
			json.NewEncoder(w).Encode(c)
		case http.MethodDelete:
			delete(g.comments, id)
			w.WriteHeader(http.StatusNoContent)
		default:
			fail(http.StatusMethodNotAllowed, "Method Not Allowed")
		}
	default:
		fail(http.StatusNotFound, "Not Found")
	}
}

// prEvent writes a pull_request event payload whose head comes from headRepo.
func prEvent(t *testing.T, headRepo string) string {
	t.Helper()
	ev := map[string]any{"pull_request": map[string]any{
		"number": fakePR,
		"head":   map[string]any{"sha": fakeHead, "repo": map[string]any{"full_name": headRepo}},
		"base":   map[string]any{"repo": map[string]any{"full_name": fakeRepo}},
	}}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestActionSuggestFixes(t *testing.T) {
	r := newRunner(t)
	const title = "postings/po-title-pm-body.md" // a safe retitle fix on line 1, which the diff shows
	const outside = "postings/old.md"            // the same fix, but the diff shows lines 5 to 8 only
	setup := func(t *testing.T) (string, *fakeGitHub) {
		ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md", "po-title-pm-body.md=old.md", "po-clean.md"}})
		g := newFakeGitHub(t)
		g.addFile(ws, title, 1, 6)
		g.addFile(ws, outside, 5, 8)
		return ws, g
	}
	run := func(t *testing.T, ws string, g *fakeGitHub, suggest, headRepo string) runResult {
		t.Helper()
		return r.run(t, ws, map[string]string{"paths": "postings", "suggest-fixes": suggest}, runOpts{token: fakeToken, env: []string{
			"GITHUB_API_URL=" + g.srv.URL, "GITHUB_REPOSITORY=" + fakeRepo,
			"GITHUB_EVENT_NAME=pull_request", "GITHUB_EVENT_PATH=" + prEvent(t, headRepo),
		}})
	}
	// check: jdlint's result stands whatever the suggestions did
	check := func(t *testing.T, res runResult) []string {
		t.Helper()
		if res.code != 1 || res.outputs["mislabeled"] != "2" || res.outputs["exit-code"] != "1" {
			t.Errorf("exit %d, outputs %v; want jdlint's 1 with the two mislabeled postings", res.code, res.outputs)
		}
		cmds, stopped := workflowCommands(res.log)
		if stopped != "" {
			t.Errorf("commands still stopped by %q", stopped)
		}
		return cmds
	}
	suggestion := "\n```suggestion\n# Product Manager, Invoicing\n```\n"
	// notice returns the suggested-change annotations on path
	notices := func(cmds []string, path string) []string {
		var out []string
		for _, c := range cmds {
			if strings.HasPrefix(c, "::notice file="+path+",") && strings.Contains(c, "suggested change::") {
				out = append(out, c)
			}
		}
		return out
	}

	t.Run("off by default: no API call", func(t *testing.T) {
		ws, g := setup(t)
		check(t, run(t, ws, g, "false", fakeRepo))
		if n := g.callCount(); n != 0 {
			t.Errorf("%d API calls with suggest-fixes false, want none", n)
		}
	})

	t.Run("posts; then updates and deletes only its own", func(t *testing.T) {
		ws, g := setup(t)
		human := g.addComment(title, 3, "Is this the right title?", "recruiter", "User")
		// a person quoting the marker does not make the comment the Action's
		quoted := g.addComment(title, 2, "see <!-- jdlint-suggestion: 000000000000000000000000 -->", "someone", "User")

		res := run(t, ws, g, "true", fakeRepo)
		cmds := check(t, res)
		cs := g.sorted()
		var mine []fakeComment
		for _, c := range cs {
			if c.User.Type == "Bot" {
				mine = append(mine, c)
			}
		}
		if len(mine) != 1 || mine[0].Path != title || *mine[0].Line != 1 || !strings.Contains(mine[0].Body, suggestion) {
			t.Fatalf("comments %+v, want one suggested change on line 1 of %s\n%s", cs, title, res.log)
		}
		// the fix on a line outside the diff is an annotation with the new text and the reason
		ns := notices(cmds, outside)
		if len(ns) != 1 || !strings.Contains(ns[0], "line=1,") || !strings.Contains(ns[0], "%0A# Product Manager, Invoicing%0A") ||
			!strings.Contains(ns[0], "line 1 is outside the pull request") {
			t.Errorf("annotations for %s: %q, want one on line 1 with the new text and why", outside, ns)
		}
		if len(notices(cmds, title)) != 0 {
			t.Errorf("the posted suggestion was also an annotation")
		}
		if !strings.Contains(res.log, "jdlint: suggested changes: 1 posted, 0 updated, 0 unchanged, 0 deleted, 1 shown as annotations") {
			t.Errorf("no count line in the log:\n%s", res.log)
		}

		// a re-run changes nothing
		before := len(g.writes())
		check(t, run(t, ws, g, "true", fakeRepo))
		if w := g.writes()[before:]; len(w) != 0 {
			t.Errorf("a re-run wrote %q, want nothing", w)
		}

		// an outdated body is updated in place; a comment for a fix no longer suggested is
		// deleted; other people's comments stay
		g.mu.Lock()
		g.comments[mine[0].ID].Body = strings.Replace(mine[0].Body, "Manager", "Lead", 1)
		g.mu.Unlock()
		stale := g.addComment(title, 4, "old\n<!-- jdlint-suggestion: 0123456789abcdef01234567 -->", "github-actions[bot]", "Bot")
		before = len(g.writes())
		res = run(t, ws, g, "true", fakeRepo)
		check(t, res)
		w := g.writes()[before:]
		slices.Sort(w)
		want := []string{
			fmt.Sprintf("DELETE /repos/%s/pulls/comments/%d", fakeRepo, stale),
			fmt.Sprintf("PATCH /repos/%s/pulls/comments/%d", fakeRepo, mine[0].ID),
		}
		if !slices.Equal(w, want) {
			t.Errorf("writes %q, want %q", w, want)
		}
		now := g.sorted()
		ids := []int64{}
		for _, c := range now {
			ids = append(ids, c.ID)
		}
		if !slices.Equal(ids, []int64{human, quoted, mine[0].ID}) || now[2].Body != mine[0].Body {
			t.Errorf("comments %+v, want the two people's and the Action's, restored", now)
		}

		// a comment GitHub marked outdated (a push changed its lines) is replaced
		g.mu.Lock()
		g.comments[mine[0].ID].Line = nil
		g.mu.Unlock()
		before = len(g.writes())
		check(t, run(t, ws, g, "true", fakeRepo))
		w = g.writes()[before:]
		want = []string{
			fmt.Sprintf("DELETE /repos/%s/pulls/comments/%d", fakeRepo, mine[0].ID),
			fmt.Sprintf("POST /repos/%s/pulls/%d/comments", fakeRepo, fakePR),
		}
		if !slices.Equal(w, want) {
			t.Errorf("writes for an outdated comment %q, want %q", w, want)
		}

		// once the posting is fixed, the suggestion goes
		p := filepath.Join(ws, filepath.FromSlash(title))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), "Product Owner, Invoicing", "Product Manager, Invoicing", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		run(t, ws, g, "true", fakeRepo)
		for _, c := range g.sorted() {
			if c.User.Type == "Bot" {
				t.Errorf("the Action's comment %d stayed after the posting was fixed", c.ID)
			}
		}
	})

	t.Run("pull request from a fork: annotations and no API call", func(t *testing.T) {
		ws, g := setup(t)
		res := run(t, ws, g, "true", "someone/careers")
		cmds := check(t, res)
		if n := g.callCount(); n != 0 {
			t.Errorf("%d API calls for a fork's pull request, want none", n)
		}
		if !slices.ContainsFunc(cmds, func(c string) bool {
			return strings.HasPrefix(c, "::notice title=jdlint suggest-fixes::this pull request comes from a fork")
		}) {
			t.Errorf("no notice that says why: %q", cmds)
		}
		for _, p := range []string{title, outside} {
			if ns := notices(cmds, p); len(ns) != 1 || !strings.Contains(ns[0], "%0A# Product Manager, Invoicing%0A") {
				t.Errorf("annotations on %s: %q, want the suggested change", p, ns)
			}
		}
	})

	t.Run("read-only token: annotations; the lint result stands", func(t *testing.T) {
		ws, g := setup(t)
		g.readOnly = true
		res := run(t, ws, g, "true", fakeRepo)
		cmds := check(t, res)
		if !slices.ContainsFunc(cmds, func(c string) bool {
			return strings.Contains(c, "may not write review comments (give the job pull-requests: write)")
		}) {
			t.Errorf("no notice naming the permission: %q", cmds)
		}
		if ns := notices(cmds, title); len(ns) != 1 {
			t.Errorf("annotations on %s: %q, want the suggestion GitHub refused", title, ns)
		}
		if len(g.sorted()) != 0 {
			t.Error("a comment was stored")
		}
	})
}

// TestActionSuggestCommand: what the Action does around jdlint-github, whatever it does: it
// runs `jdlint-github suggest REPORT.json` with the token, and when that fails the step
// warns, prints its stderr where no workflow command in it works, and keeps jdlint's exit
// code.
func TestActionSuggestCommand(t *testing.T) {
	r := newRunner(t)
	seen := filepath.Join(t.TempDir(), "seen")
	f := fakeJdlintGitHub(t, r, fmt.Sprintf(`printf '%%s\n' "$@" "token=$JDLINT_GITHUB_TOKEN" >%q
head -c 1 -- "$2" >/dev/null || exit 9
echo '::error file=forged.md::forged' >&2
printf 'jdlint-github suggest: 502 ::stop-commands::pwned' >&2
exit 1
`, seen))
	ws := workspace(t, map[string][]string{"postings": {"po-title-pm-body.md"}})
	res := f.run(t, ws, map[string]string{"paths": "postings", "suggest-fixes": "true"}, runOpts{token: fakeToken})
	if res.code != 1 || res.outputs["exit-code"] != "1" || res.outputs["mislabeled"] != "1" {
		t.Errorf("exit %d, outputs %v; want jdlint's 1 whatever jdlint-github did\n%s", res.code, res.outputs, res.log)
	}
	b, err := os.ReadFile(seen)
	if err != nil {
		t.Fatalf("jdlint-github did not run: %v\n%s", err, res.log)
	}
	args := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(args) != 3 || args[0] != "suggest" || !strings.HasSuffix(args[1], "report.json") || args[2] != "token="+fakeToken {
		t.Errorf("jdlint-github ran with %q, want suggest REPORT.json and the token", args)
	}
	cmds, stopped := workflowCommands(res.log)
	if stopped != "" {
		t.Errorf("commands still stopped by %q", stopped)
	}
	if !slices.Contains(cmds, "::warning title=jdlint::suggested changes could not be posted: see the messages below; the findings' annotations still show each fix") {
		t.Errorf("no warning that the suggestions failed: %q", cmds)
	}
	for _, c := range cmds {
		if strings.Contains(c, "forged") || strings.Contains(c, "pwned") {
			t.Errorf("jdlint-github's stderr became a command: %q", c)
		}
	}
	if !strings.Contains(res.log, "jdlint-github suggest: 502") {
		t.Errorf("jdlint-github's stderr is not in the log:\n%s", res.log)
	}
}

// TestExampleSuggestFixes: the suggested-changes example asks for exactly what posting review
// comments needs, and checks out the head commit the comments refer to.
func TestExampleSuggestFixes(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("examples", "jdlint-suggest-fixes.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var w exampleWorkflow
	if err := yaml.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"contents": "read", "pull-requests": "write"}; !mapsEqual(w.Permissions, want) {
		t.Errorf("permissions %v, want %v", w.Permissions, want)
	}
	suggest, head := false, false
	for _, job := range w.Jobs {
		for _, st := range job.Steps {
			if strings.HasPrefix(st.Uses, "jdlint/jdlint@") && st.With["suggest-fixes"] == "true" {
				suggest = true
			}
			if strings.HasPrefix(st.Uses, "actions/checkout@") && st.With["ref"] == "${{ github.event.pull_request.head.sha }}" {
				head = true
			}
		}
	}
	if !suggest || !head {
		t.Errorf("jdlint with suggest-fixes: true: %v; checkout of the head commit: %v; want both", suggest, head)
	}
}
