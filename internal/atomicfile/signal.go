package atomicfile

import (
	"os"
	"os/signal"
	"syscall"
	"time"
)

// CatchSignals removes the temporary files of the writes in progress when SIGINT or SIGTERM
// arrives, then lets the signal end the process as it would have: call it before a phase
// that writes files, and the func it returns after. A write that is committing (renaming
// or exchanging its file) finishes first; no write starts after the signal.
func CatchSignals() (stop func()) {
	ch := make(chan os.Signal, 1)
	quit := make(chan struct{})
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-quit:
			return
		case sig := <-ch:
			commitMu.Lock() // held until the process ends: nothing commits after this
			tempsMu.Lock()
			dying = true
			for name := range temps {
				os.Remove(name)
			}
			tempsMu.Unlock()
			signal.Reset(sig)
			if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
				time.Sleep(5 * time.Second) // the signal's default action ends the process
			}
			code := 130 // 128 + SIGINT, as a shell reports it
			if sig == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		}
	}()
	return func() {
		signal.Stop(ch)
		close(quit)
	}
}
