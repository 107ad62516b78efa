package suggest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Client is the part of GitHub's REST API that suggested changes need, on net/http alone.
type Client struct {
	API   string // https://api.github.com, or GITHUB_API_URL on GitHub Enterprise Server
	Repo  string // owner/name
	Token string
	HTTP  *http.Client
}

// APIError is an answer from GitHub other than success.
type APIError struct {
	Method, Path string
	Status       int
	Message      string // GitHub's message, if any
}

func (e *APIError) Error() string {
	msg := ""
	if e.Message != "" {
		msg = ": " + e.Message
	}
	return fmt.Sprintf("%s %s: HTTP %d%s", e.Method, e.Path, e.Status, msg)
}

// forbidden reports whether err says that the token may not write review comments.
func forbidden(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && (ae.Status == http.StatusForbidden || ae.Status == http.StatusNotFound || ae.Status == http.StatusUnauthorized)
}

// maxPages bounds the pages read from a list (GitHub lists at most 3,000 files of a pull
// request, 30 pages of 100).
const maxPages = 50

// do sends one request with a JSON body (nil: none) and decodes the JSON answer into out
// (nil: ignored). It returns the next page's URL from the Link header, if any.
func (c *Client) do(ctx context.Context, method, target string, body, out any) (next string, err error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return "", fmt.Errorf("encode %s %s: %w", method, target, err)
		}
		rd = bytes.NewReader(b)
	}
	u := target
	if !strings.HasPrefix(u, c.API+"/") {
		u = c.API + target
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", method, target, err)
	}
	req.Header.Set("Accept", "application/vnd.github+json")
	req.Header.Set("X-GitHub-Api-Version", "2022-11-28")
	req.Header.Set("User-Agent", "jdlint")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", method, target, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return "", fmt.Errorf("%s %s: read the answer: %w", method, target, err)
	}
	if resp.StatusCode/100 != 2 {
		var m struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(data, &m) // the message is a courtesy; the status says what failed
		msg := m.Message
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return "", &APIError{method, target, resp.StatusCode, msg}
	}
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return "", fmt.Errorf("%s %s: decode the answer: %w", method, target, err)
		}
	}
	next = nextLink(resp.Header.Get("Link"))
	// the token goes to the API only, whatever a Link header says
	if next != "" && !strings.HasPrefix(next, c.API+"/") {
		return "", fmt.Errorf("%s %s: next page %q is not on %s", method, target, next, c.API)
	}
	return next, nil
}

var linkNext = regexp.MustCompile(`<([^>]+)>;\s*rel="next"`)

// nextLink returns the rel="next" URL of a Link header.
func nextLink(h string) string {
	if m := linkNext.FindStringSubmatch(h); m != nil {
		return m[1]
	}
	return ""
}

// list reads every page of a list into out, one page's items at a time.
func list[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	var all []T
	next := path + "?per_page=100"
	for page := 0; next != ""; page++ {
		if page == maxPages {
			return nil, fmt.Errorf("GET %s: more than %d pages", path, maxPages)
		}
		var items []T
		var err error
		if next, err = c.do(ctx, http.MethodGet, next, nil, &items); err != nil {
			return nil, err
		}
		all = append(all, items...)
	}
	return all, nil
}

// PullFile is a file a pull request changes.
type PullFile struct {
	Filename string `json:"filename"`
	Status   string `json:"status"`
	SHA      string `json:"sha"`   // the file's blob at the head commit
	Patch    string `json:"patch"` // the diff; missing for binary and very large diffs
}

// Comment is a review comment on a pull request.
type Comment struct {
	ID        int64  `json:"id"`
	Body      string `json:"body"`
	Path      string `json:"path"`
	Line      *int   `json:"line"` // nil once the comment is outdated
	StartLine *int   `json:"start_line"`
	User      struct {
		Login string `json:"login"`
		Type  string `json:"type"`
	} `json:"user"`
}

// NewComment is a review comment to post: lines StartLine to Line of Path at CommitID.
type NewComment struct {
	Body      string `json:"body"`
	CommitID  string `json:"commit_id"`
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Side      string `json:"side"`
	StartLine int    `json:"start_line,omitempty"`
	StartSide string `json:"start_side,omitempty"`
}

func (c *Client) pullPath(pr int) string {
	return "/repos/" + c.Repo + "/pulls/" + strconv.Itoa(pr)
}

// PullFiles lists the files a pull request changes.
func (c *Client) PullFiles(ctx context.Context, pr int) ([]PullFile, error) {
	return list[PullFile](ctx, c, c.pullPath(pr)+"/files")
}

// Comments lists a pull request's review comments.
func (c *Client) Comments(ctx context.Context, pr int) ([]Comment, error) {
	return list[Comment](ctx, c, c.pullPath(pr)+"/comments")
}

// Create posts a review comment.
func (c *Client) Create(ctx context.Context, pr int, nc NewComment) error {
	_, err := c.do(ctx, http.MethodPost, c.pullPath(pr)+"/comments", nc, nil)
	return err
}

// Update replaces a review comment's body.
func (c *Client) Update(ctx context.Context, id int64, body string) error {
	_, err := c.do(ctx, http.MethodPatch, "/repos/"+c.Repo+"/pulls/comments/"+strconv.FormatInt(id, 10), map[string]string{"body": body}, nil)
	return err
}

// Delete removes a review comment.
func (c *Client) Delete(ctx context.Context, id int64) error {
	_, err := c.do(ctx, http.MethodDelete, "/repos/"+c.Repo+"/pulls/comments/"+strconv.FormatInt(id, 10), nil, nil)
	return err
}

// newClient returns a client for apiURL with a timeout on every request.
func newClient(apiURL, repo, token string) (*Client, error) {
	u, err := url.Parse(apiURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("GITHUB_API_URL %q is not an http(s) URL", apiURL)
	}
	return &Client{API: strings.TrimRight(apiURL, "/"), Repo: repo, Token: token, HTTP: &http.Client{Timeout: 30 * time.Second}}, nil
}
