package app

import (
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/jdlint/jdlint/lint"
)

// progressMin is the number of files above which a run shows a progress bar.
const progressMin = 50

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
		bar   *progressbar.ProgressBar
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
		bar = progressbar.NewOptions(n,
			progressbar.OptionSetWriter(o.Stderr),
			progressbar.OptionSetDescription("linting"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(80*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	lopts.Progress = func() {
		if onFile != nil {
			onFile()
		}
		mu.Lock()
		defer mu.Unlock()
		if bar != nil && !ended {
			_ = bar.Add(1)
		}
	}
	return func() {
		mu.Lock()
		defer mu.Unlock()
		if bar != nil && !ended {
			_ = bar.Finish() // with OptionClearOnFinish this erases the bar's line
		}
		ended = true
	}
}
