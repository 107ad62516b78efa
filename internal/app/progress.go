package app

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/jdlint/jdlint/lint"
)

// progressMin is the number of files above which a run shows a progress bar.
const progressMin = 50

// progressEvery is the least time between two redraws of the bar.
const progressEvery = 80 * time.Millisecond

// progress wires a progress bar on stderr into lopts for runs over more than progressMin
// files, when o.Progress says stderr is a terminal and --quiet is off. The number of files
// is known only after discovery, so the bar is made in lint's OnDiscover hook and moved on
// by its Progress hook (hooks already set are still called). The returned func clears the
// bar; after it, the hooks do nothing, so a second lint.Run (re-linting after --fix) shows
// no second bar.
func progress(o Options, lopts *lint.Options) func() {
	if !o.Progress || o.Quiet || o.Stderr == nil {
		return func() {}
	}
	var (
		mu    sync.Mutex
		bar   *progressBar
		ended bool
	)
	onDiscover, onFile := lopts.OnDiscover, lopts.Progress
	lopts.OnDiscover = func(n int) {
		if onDiscover != nil {
			onDiscover(n)
		}
		mu.Lock()
		defer mu.Unlock()
		if ended || bar != nil || n <= progressMin {
			return
		}
		bar = &progressBar{w: o.Stderr, total: n, start: time.Now()}
		bar.draw(bar.start)
	}
	lopts.Progress = func() {
		if onFile != nil {
			onFile()
		}
		mu.Lock()
		defer mu.Unlock()
		if bar != nil && !ended {
			bar.add()
		}
	}
	return func() {
		mu.Lock()
		defer mu.Unlock()
		if bar != nil && !ended {
			bar.clear()
		}
		ended = true
	}
}

// progressBar draws one line on a terminal, "linting  45% [=====>      ] 450/1000, 2s left",
// redrawn in place at most every progressEvery and erased at the end. It is written here
// rather than taken from a progress-bar module because those link net/http, whose package
// initialisation every jdlint process would pay for (docs/performance.md).
type progressBar struct {
	w         io.Writer
	total     int
	done      int
	start     time.Time
	lastDrawn time.Time
	width     int // the widest line drawn so far, for clear
}

// barCells is the width of the bar between its brackets.
const barCells = 30

func (b *progressBar) add() {
	b.done++
	if now := time.Now(); b.done == b.total || now.Sub(b.lastDrawn) >= progressEvery {
		b.draw(now)
	}
}

func (b *progressBar) draw(now time.Time) {
	b.lastDrawn = now
	line := progressLine(b.done, b.total, now.Sub(b.start))
	b.width = max(b.width, len(line))
	fmt.Fprintf(b.w, "\r%s", line)
}

func (b *progressBar) clear() {
	fmt.Fprintf(b.w, "\r%s\r", strings.Repeat(" ", b.width))
}

// progressLine is the bar's text for done of total files after elapsed: the share done, the
// bar, the count and, once a tenth of the files is done, an estimate of the time left.
func progressLine(done, total int, elapsed time.Duration) string {
	if total <= 0 {
		return ""
	}
	done = min(max(done, 0), total)
	filled := done * barCells / total
	bar := strings.Repeat("=", filled)
	if filled < barCells {
		if done > 0 {
			bar += ">"
		}
		bar += strings.Repeat(" ", barCells-len(bar))
	}
	line := fmt.Sprintf("linting %3d%% [%s] %d/%d", done*100/total, bar, done, total)
	if done*10 >= total && done < total {
		left := time.Duration(float64(elapsed) * float64(total-done) / float64(done))
		line += fmt.Sprintf(", %s left", left.Round(time.Second))
	}
	return line
}
