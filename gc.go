package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// jdlint's live heap is small: the models, and a few kilobytes per posting once its rules
// have run (lint.Trim). Parsing a posting makes far more short-lived garbage than that, so
// with Go's default GOGC of 100 a run over 1,000 postings collects about fifty times, each
// time the heap reaches twice a live heap of a few megabytes. tuneGC lets the heap grow to
// five times the live heap (GOGC 400) but never past gcFloor or, once the live heap is past
// half of it, twice the live heap: the default's memory. A run over 1,000 postings takes
// about 14% less CPU, and peak memory stays within the targets of docs/performance.md.
//
// GOGC or GOMEMLIMIT in the environment leave the runtime's settings as they are.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memoryLimit(0))
	armGCHook()
}

const (
	gcPercent = 400
	gcFloor   = 64 << 20 // bytes of Go memory the heap may reach at any live size
)

// memoryLimit is the soft limit for a live heap of live bytes: gcFloor, or twice the live
// heap once that is larger, so that a big live heap is collected as often as Go's default
// would and never in a loop against a limit it cannot get under.
func memoryLimit(live uint64) int64 {
	return max(gcFloor, 2*int64(live))
}

// gcSentinel is garbage that a finalizer watches: the finalizer runs after each collection
// that finds it, resets the limit from the live heap that collection measured and arms a new
// sentinel. It holds a pointer so that it is never a tiny allocation (whose finalizers may
// not run).
type gcSentinel struct{ _ *int }

var liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

func armGCHook() {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		metrics.Read(liveSample)
		if v := liveSample[0].Value; v.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(memoryLimit(v.Uint64()))
		}
		armGCHook()
	})
}
