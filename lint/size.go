package lint

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// errSize is why a string is not a size; ParseSize's callers name the flag or key.
var errSize = fmt.Errorf("not a size (want bytes, or a number with B, KB, KiB, MB, MiB, GB or GiB, e.g. 5MiB) up to %s", humanSize(MaxSizeLimit))

// ParseSize reads a size as max_size and --max-size take it: a number of bytes, or a number
// with a unit (B, KB, KiB, MB, MiB, GB, GiB; K, M, G are binary), from 1 byte to MaxSizeLimit.
func ParseSize(s string) (int64, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := t, ""
	if i >= 0 {
		num, unit = t[:i], t[i:]
	}
	mult := map[string]float64{"": 1, "b": 1, "kb": 1e3, "kib": 1 << 10, "k": 1 << 10, "mb": 1e6, "mib": 1 << 20, "m": 1 << 20, "gb": 1e9, "gib": 1 << 30, "g": 1 << 30}[strings.ToLower(unit)]
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || mult == 0 {
		return 0, errSize
	}
	v := f * mult
	if v < 1 || v > MaxSizeLimit || math.IsNaN(v) {
		return 0, errSize
	}
	return int64(v), nil
}
