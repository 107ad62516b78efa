package suggest

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jdlint/jdlint/report"
)

// Exit codes of Main.
const (
	ExitOK    = 0 // every suggestion posted, or shown as an annotation with the reason
	ExitAPI   = 1 // the GitHub API failed; what was not posted is shown as annotations
	ExitUsage = 2 // no report, or a report that cannot be read
)

// Main runs `jdlint-github suggest REPORT.json` in a GitHub Actions step: it posts the
// report's safe fixes on the pull request of the run's event as suggested changes, updates
// the ones it posted before and deletes those no longer needed. It reads GITHUB_API_URL,
// GITHUB_REPOSITORY, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and JDLINT_GITHUB_TOKEN from
// getenv, and the postings from the current folder. stdout gets workflow commands (the
// annotations for what could not be posted, escaped) and one line of counts; stderr gets
// errors.
func Main(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: jdlint-github suggest REPORT.json")
		return ExitUsage
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "jdlint-github suggest: %v\n", err)
		return ExitUsage
	}
	rep, err := ParseReport(data)
	if err != nil {
		fmt.Fprintf(stderr, "jdlint-github suggest: %v\n", err)
		return ExitUsage
	}
	sugs, skipped := Suggestions(rep, os.ReadFile)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	r := &run{out: stdout, stats: map[string]int{}}
	err = r.post(ctx, getenv, sugs, skipped)
	fmt.Fprintf(stdout, "jdlint: suggested changes: %d posted, %d updated, %d unchanged, %d deleted, %d shown as annotations\n",
		r.stats["posted"], r.stats["updated"], r.stats["unchanged"], r.stats["deleted"], r.stats["annotations"])
	if err != nil {
		fmt.Fprintf(stderr, "jdlint-github suggest: %v\n", err)
		return ExitAPI
	}
	return ExitOK
}

// run is one run of Main: where annotations go and what was done.
type run struct {
	out   io.Writer
	stats map[string]int
}

// event is the part of a pull_request event's payload read here.
type event struct {
	PullRequest *struct {
		Number int `json:"number"`
		Head   struct {
			SHA  string `json:"sha"`
			Repo *struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"head"`
		Base struct {
			Repo struct {
				FullName string `json:"full_name"`
			} `json:"repo"`
		} `json:"base"`
	} `json:"pull_request"`
}

// post does the work of Main once the suggestions are known.
func (r *run) post(ctx context.Context, getenv func(string) string, sugs []Suggestion, skipped []Skipped) error {
	for _, s := range skipped {
		r.annotate(s.Path, s.Line, s.Line, s.Rule, s.Description, "", s.Reason)
	}
	fallback := func(reason string) {
		r.notice(reason + ": the safe fixes are shown as annotations instead of suggested changes")
		for _, s := range sugs {
			r.annotateSuggestion(s, reason)
		}
	}
	name := getenv("GITHUB_EVENT_NAME")
	if name != "pull_request" && name != "pull_request_target" {
		fallback(fmt.Sprintf("suggest-fixes needs a pull_request event, and this run is %s", orNone(name)))
		return nil
	}
	var ev event
	if data, err := os.ReadFile(getenv("GITHUB_EVENT_PATH")); err != nil {
		fallback("the event payload could not be read")
		return fmt.Errorf("read the event payload: %w", err)
	} else if err := json.Unmarshal(data, &ev); err != nil || ev.PullRequest == nil || ev.PullRequest.Number <= 0 || ev.PullRequest.Head.SHA == "" {
		fallback("the event payload names no pull request")
		return nil
	}
	pr := ev.PullRequest
	repo := getenv("GITHUB_REPOSITORY")
	// GitHub gives a pull_request run from a fork a read-only token, whatever the workflow asks
	if name == "pull_request" && (pr.Head.Repo == nil || pr.Head.Repo.FullName != pr.Base.Repo.FullName) {
		fallback("this pull request comes from a fork, and GitHub gives its runs a read-only token")
		return nil
	}
	token := getenv("JDLINT_GITHUB_TOKEN")
	if token == "" {
		fallback("no github-token")
		return nil
	}
	api := getenv("GITHUB_API_URL")
	if api == "" {
		api = "https://api.github.com"
	}
	c, err := newClient(api, repo, token)
	if err != nil {
		fallback("GITHUB_API_URL is not usable")
		return err
	}
	files, err := c.PullFiles(ctx, pr.Number)
	if err != nil {
		fallback("the pull request's files could not be listed")
		return fmt.Errorf("list the pull request's files: %w", err)
	}
	comments, err := c.Comments(ctx, pr.Number)
	if err != nil {
		fallback("the pull request's review comments could not be listed")
		return fmt.Errorf("list the review comments: %w", err)
	}
	return r.sync(ctx, c, pr.Number, pr.Head.SHA, files, comments, sugs)
}

// sync makes the pull request's review comments match sugs: it posts what is missing,
// updates what changed, deletes what is no longer suggested, and shows as an annotation
// what GitHub would not take.
func (r *run) sync(ctx context.Context, c *Client, pr int, head string, files []PullFile, comments []Comment, sugs []Suggestion) error {
	byPath := map[string]PullFile{}
	for _, f := range files {
		byPath[f.Filename] = f
	}
	// earlier comments of this package, by key; a bot posted them (a person's comment that
	// quotes the marker is not ours to change)
	mine := map[string][]Comment{}
	for _, cm := range comments {
		if k := commentKey(cm.Body); k != "" && cm.User.Type == "Bot" {
			mine[k] = append(mine[k], cm)
		}
	}
	var errs []error
	readOnly := "" // set once GitHub refuses to let the token write
	for _, s := range sugs {
		if readOnly != "" {
			r.annotateSuggestion(s, readOnly)
			continue
		}
		if reason := commentable(s, byPath); reason != "" {
			r.annotateSuggestion(s, reason)
			continue
		}
		key, body := s.Key(), s.Body()
		olds := mine[key]
		delete(mine, key)
		var keep *Comment
		for i := range olds {
			if keep == nil && olds[i].Path == s.Path && sameLines(olds[i], s) {
				keep = &olds[i]
				continue
			}
			if err := c.Delete(ctx, olds[i].ID); err != nil {
				errs = append(errs, fmt.Errorf("delete review comment %d: %w", olds[i].ID, err))
			} else {
				r.stats["deleted"]++
			}
		}
		var err error
		switch {
		case keep != nil && keep.Body == body:
			r.stats["unchanged"]++
		case keep != nil:
			if err = c.Update(ctx, keep.ID, body); err == nil {
				r.stats["updated"]++
			}
		default:
			nc := NewComment{Body: body, CommitID: head, Path: s.Path, Line: s.EndLine, Side: "RIGHT"}
			if s.StartLine < s.EndLine {
				nc.StartLine, nc.StartSide = s.StartLine, "RIGHT"
			}
			if err = c.Create(ctx, pr, nc); err == nil {
				r.stats["posted"]++
			}
		}
		if err != nil {
			if forbidden(err) {
				readOnly = "the token may not write review comments (give the job pull-requests: write)"
				r.notice(readOnly + ": the remaining safe fixes are shown as annotations")
			} else {
				errs = append(errs, err)
			}
			r.annotateSuggestion(s, "GitHub did not take the comment")
		}
	}
	// what is left was suggested before and is not now: fixed, or gone from the diff
	if readOnly == "" {
		for _, olds := range mine {
			for _, cm := range olds {
				if err := c.Delete(ctx, cm.ID); err != nil {
					errs = append(errs, fmt.Errorf("delete review comment %d: %w", cm.ID, err))
				} else {
					r.stats["deleted"]++
				}
			}
		}
	}
	return errors.Join(errs...)
}

// sameLines reports whether a comment sits on the suggestion's lines and is not outdated.
func sameLines(cm Comment, s Suggestion) bool {
	if cm.Line == nil || *cm.Line != s.EndLine {
		return false
	}
	start := s.EndLine
	if cm.StartLine != nil {
		start = *cm.StartLine
	}
	return start == s.StartLine
}

// commentable returns why a suggestion cannot be a review comment, or "".
func commentable(s Suggestion, files map[string]PullFile) string {
	f, ok := files[s.Path]
	switch {
	case !ok:
		return "this pull request does not change the posting"
	case f.Patch == "":
		return "GitHub shows no diff for the posting (too large)"
	}
	if blob, err := blobSHA(s.Path); err != nil || blob != f.SHA {
		return "the checked-out posting is not the pull request's head version (check out github.event.pull_request.head.sha)"
	}
	hunks := rightLines(f.Patch)
	h, ok := hunks[s.StartLine]
	if !ok {
		return fmt.Sprintf("line %d is outside the pull request's diff, and GitHub takes review comments only there", s.StartLine)
	}
	for l := s.StartLine; l <= s.EndLine; l++ {
		if hunks[l] != h {
			return fmt.Sprintf("lines %d to %d are not all in one hunk of the pull request's diff", s.StartLine, s.EndLine)
		}
	}
	return ""
}

// blobSHA returns the Git blob id of a file, as GitHub lists it for a pull request's files.
func blobSHA(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	h := sha1.New()
	fmt.Fprintf(h, "blob %d\x00", len(data))
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil)), nil
}

var hunkHeader = regexp.MustCompile(`^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@`)

// rightLines maps each line of the new file that a unified diff shows (added or context) to
// the number of its hunk (from 1). GitHub takes review comments on the RIGHT side only there.
func rightLines(patch string) map[int]int {
	lines := map[int]int{}
	hunk, n := 0, 0
	for _, l := range strings.Split(patch, "\n") {
		if m := hunkHeader.FindStringSubmatch(l); m != nil {
			hunk++
			n, _ = strconv.Atoi(m[1])
			continue
		}
		if hunk == 0 || l == "" {
			continue
		}
		switch l[0] {
		case ' ', '+':
			lines[n] = hunk
			n++
		}
	}
	return lines
}

// annotateSuggestion shows a suggestion that was not posted as an annotation on its lines.
func (r *run) annotateSuggestion(s Suggestion, reason string) {
	r.annotate(s.Path, s.StartLine, s.EndLine, s.Rule, s.Description, s.New, reason)
}

// annotate prints a notice annotation for a safe fix that is not a suggested change: what it
// does, the new text of its lines when known, and why it is not a suggestion.
func (r *run) annotate(path string, start, end int, rule, desc, newText, reason string) {
	r.stats["annotations"]++
	msg := "safe fix (jdlint --fix): " + report.Printable(desc)
	if newText != "" {
		which := fmt.Sprintf("line %d", start)
		if end > start {
			which = fmt.Sprintf("lines %d to %d", start, end)
		}
		msg += "\nReplace " + which + " with:"
		for _, l := range strings.Split(newText, "\n") {
			msg += "\n" + report.Printable(l)
		}
	}
	msg += "\n(not a suggested change: " + reason + ")"
	fmt.Fprintf(r.out, "::notice file=%s,line=%d,endLine=%d,title=%s::%s\n",
		escapeProperty(path), start, max(start, end), escapeProperty("jdlint "+rule+" suggested change"), escapeData(msg))
}

// notice prints a notice annotation without a file.
func (r *run) notice(msg string) {
	fmt.Fprintf(r.out, "::notice title=jdlint suggest-fixes::%s\n", escapeData(msg))
}

// escapeData escapes a workflow command's message as the runner unescapes it.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value; a file name is first made one
// printable line.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(report.Printable(s))
}

func orNone(s string) string {
	if s == "" {
		return "not a GitHub Actions event"
	}
	return s
}
