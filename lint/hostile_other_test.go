//go:build !unix

package lint

import "errors"

func mkfifo(string) error { return errors.ErrUnsupported }

func mksocket(string) (func(), error) { return nil, errors.ErrUnsupported }
