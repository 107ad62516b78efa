//go:build race

package lint

// raceEnabled shrinks the scaling tests under the race detector, which slows code 5-20x.
const raceEnabled = true
