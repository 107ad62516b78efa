package lint

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"
)

// TestReadAllSized holds readAllSized to io.ReadAll, which it replaces for postings: the
// same bytes and error for every size hint, too small, exact or too large, on readers
// that return a byte at a time, the data with EOF, or an error halfway; and the same bytes
// from a file whose size hint is stale.
func TestReadAllSized(t *testing.T) {
	boom := errors.New("boom")
	for _, n := range []int{0, 1, 511, 512, 513, 3500, 70000} {
		data := bytes.Repeat([]byte("Own the backlog. "), n/17+1)[:n]
		readers := map[string]func() io.Reader{
			"plain":   func() io.Reader { return bytes.NewReader(data) },
			"onebyte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
			"dataeof": func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) },
			"half":    func() io.Reader { return io.MultiReader(bytes.NewReader(data[:n/2]), iotest.ErrReader(boom)) },
			"limited": func() io.Reader { return io.LimitReader(bytes.NewReader(data), int64(n/3+1)) },
		}
		for name, r := range readers {
			want, wantErr := io.ReadAll(r())
			for _, size := range []int64{0, 1, int64(n / 2), int64(n), int64(n) + 1, int64(n) * 2} {
				got, err := readAllSized(r(), size)
				if !bytes.Equal(got, want) || !errors.Is(err, wantErr) && err != wantErr {
					t.Errorf("%s, %d bytes, size %d: %d bytes, %v; io.ReadAll %d bytes, %v", name, n, size, len(got), err, len(want), wantErr)
				}
			}
		}
	}
	p := filepath.Join(t.TempDir(), "grown.md")
	if err := os.WriteFile(p, bytes.Repeat([]byte("x"), 5000), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := readAllSized(f, 100) // as if the file grew after its size was taken
	if err != nil || len(got) != 5000 {
		t.Errorf("stale size: %d bytes, %v; want 5000", len(got), err)
	}
}
