package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestMemoryLimit(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int64
	}{{0, gcFloor}, {10 << 20, gcFloor}, {gcFloor / 2, gcFloor}, {48 << 20, 96 << 20}, {1 << 30, 2 << 30}} {
		if got := memoryLimit(tc.live); got != tc.want {
			t.Errorf("memoryLimit(%d) = %d, want %d", tc.live, got, tc.want)
		}
	}
}

// TestGCHook: tuneGC sets GOGC 400 and the floor, and after a collection the limit follows
// the live heap: 48 MiB kept live raises it to at least 96 MiB. With GOGC set in the
// environment nothing changes.
func TestGCHook(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))

	t.Setenv("GOGC", "100")
	debug.SetMemoryLimit(1 << 40)
	tuneGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, GOGC became %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("with GOGC set, the memory limit became %d", got)
	}

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	tuneGC()
	if got := debug.SetGCPercent(400); got != gcPercent {
		t.Errorf("GOGC %d, want %d", got, gcPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != gcFloor {
		t.Errorf("memory limit %d, want %d", got, gcFloor)
	}
	live := make([][]byte, 48)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	deadline := time.Now().Add(10 * time.Second)
	for debug.SetMemoryLimit(-1) < 96<<20 {
		if time.Now().After(deadline) {
			t.Fatalf("memory limit %d after collections with 48 MiB live, want at least %d", debug.SetMemoryLimit(-1), 96<<20)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
}
