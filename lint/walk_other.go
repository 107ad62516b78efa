//go:build !unix

package lint

import "os"

// openNoBlock opens path for reading; outside Unix, folders hold no named pipes or devices.
func openNoBlock(path string) (*os.File, error) {
	return os.Open(path)
}
