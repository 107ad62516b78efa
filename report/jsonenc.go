package report

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// appendJSONFile appends json.MarshalIndent(f, "    ", "  ") to b, byte for byte
// (TestJSONFileEncoder, FuzzJSONFileEncoder), without reflection or a second pass over
// the bytes to indent them: the JSON report of a rewrite-heavy folder is megabytes of
// findings and fixes, written after the linting, on one core. ok is false when f holds a
// float JSON has no number for (NaN, an infinity), which MarshalIndent refuses with an
// error.
func appendJSONFile(b []byte, f *jsonFile) (_ []byte, ok bool) {
	w := jsonWriter{b: b, ok: true}
	w.open('{')
	w.kstr(1, "path", true, f.Path)
	w.kstr(1, "title", false, f.Title)
	w.kstr(1, "title_role", false, f.TitleRole)
	w.kstr(1, "detected_role", false, f.DetectedRole)
	w.key(1, "po_share", false)
	if f.POShare == nil {
		w.null()
	} else {
		w.float(*f.POShare)
	}
	w.kfloat(1, "confidence", false, f.Confidence)
	w.kstr(1, "verdict", false, f.Verdict)
	w.key(1, "evidence", false)
	w.open('{')
	w.kfloat(2, "po", true, f.Evidence.PO)
	w.kfloat(2, "pm", false, f.Evidence.PM)
	w.kfloat(2, "shared", false, f.Evidence.Shared)
	w.kfloat(2, "other", false, f.Evidence.Other)
	w.close(1, '}')
	w.key(1, "findings", false)
	switch {
	case f.Findings == nil:
		w.null()
	case len(f.Findings) == 0:
		w.b = append(w.b, "[]"...)
	default:
		w.open('[')
		for i := range f.Findings {
			w.elem(2, i)
			w.finding(2, &f.Findings[i])
		}
		w.close(1, ']')
	}
	if len(f.Notices) > 0 { // omitempty
		w.key(1, "notices", false)
		w.open('[')
		for i, n := range f.Notices {
			w.elem(2, i)
			w.open('{')
			w.kint(3, "line", true, n.Line)
			w.kint(3, "column", false, n.Column)
			w.kstr(3, "message", false, n.Message)
			w.close(2, '}')
		}
		w.close(1, ']')
	}
	w.key(1, "error", false)
	if f.Error == nil {
		w.null()
	} else {
		w.str(*f.Error)
	}
	w.close(0, '}')
	return w.b, w.ok
}

// jsonWriter appends indented JSON as MarshalIndent with the prefix "    " and the indent
// "  " writes it.
type jsonWriter struct {
	b  []byte
	ok bool // no float JSON cannot encode so far
}

func (w *jsonWriter) finding(depth int, fd *jsonFinding) {
	w.open('{')
	w.kstr(depth+1, "rule", true, fd.Rule)
	w.kstr(depth+1, "severity", false, fd.Severity)
	w.kint(depth+1, "line", false, fd.Line)
	w.kint(depth+1, "column", false, fd.Column)
	w.kint(depth+1, "end_line", false, fd.EndLine)
	w.kint(depth+1, "end_column", false, fd.EndColumn)
	w.kstr(depth+1, "message", false, fd.Message)
	if fd.Fingerprint != "" { // omitempty
		w.kstr(depth+1, "fingerprint", false, fd.Fingerprint)
	}
	if fx := fd.Fix; fx != nil { // omitempty
		w.key(depth+1, "fix", false)
		w.open('{')
		w.kstr(depth+2, "description", true, fx.Description)
		w.kbool(depth+2, "safe", false, fx.Safe)
		w.key(depth+2, "edits", false)
		switch {
		case fx.Edits == nil:
			w.null()
		case len(fx.Edits) == 0:
			w.b = append(w.b, "[]"...)
		default:
			w.open('[')
			for i, e := range fx.Edits {
				w.elem(depth+3, i)
				w.open('{')
				w.kint(depth+4, "start", true, e.Start)
				w.kint(depth+4, "end", false, e.End)
				w.kstr(depth+4, "new", false, e.New)
				w.close(depth+3, '}')
			}
			w.close(depth+2, ']')
		}
		w.close(depth+1, '}')
	}
	w.close(depth, '}')
}

// newline starts a line at depth: the prefix and depth indents.
func (w *jsonWriter) newline(depth int) {
	w.b = append(w.b, "\n    "...)
	for range depth {
		w.b = append(w.b, "  "...)
	}
}

func (w *jsonWriter) open(c byte) { w.b = append(w.b, c) }

// close ends a non-empty object or array whose brackets stand at depth.
func (w *jsonWriter) close(depth int, c byte) {
	w.newline(depth)
	w.b = append(w.b, c)
}

// key starts a member at depth; first is whether it is the object's first.
func (w *jsonWriter) key(depth int, k string, first bool) {
	if !first {
		w.b = append(w.b, ',')
	}
	w.newline(depth)
	w.b = append(w.b, '"')
	w.b = append(w.b, k...)
	w.b = append(w.b, `": `...)
}

// kstr, kint, kfloat and kbool write a member at depth (key's) and its value.
func (w *jsonWriter) kstr(depth int, k string, first bool, v string) {
	w.key(depth, k, first)
	w.str(v)
}

func (w *jsonWriter) kint(depth int, k string, first bool, v int) {
	w.key(depth, k, first)
	w.int(v)
}

func (w *jsonWriter) kfloat(depth int, k string, first bool, v float64) {
	w.key(depth, k, first)
	w.float(v)
}

func (w *jsonWriter) kbool(depth int, k string, first bool, v bool) {
	w.key(depth, k, first)
	w.bool(v)
}

// elem starts element i of an array at depth.
func (w *jsonWriter) elem(depth, i int) {
	if i > 0 {
		w.b = append(w.b, ',')
	}
	w.newline(depth)
}

func (w *jsonWriter) null() { w.b = append(w.b, "null"...) }

func (w *jsonWriter) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

func (w *jsonWriter) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

// float is encoding/json's float64 encoding: ES6 number formatting.
func (w *jsonWriter) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		w.ok = false
		return
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	w.b = strconv.AppendFloat(w.b, f, format, -1, 64)
	if format == 'e' { // e-09 to e-9
		n := len(w.b)
		if n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
			w.b[n-2] = w.b[n-1]
			w.b = w.b[:n-1]
		}
	}
}

// str is encoding/json's string encoding, with its HTML escaping (<, >, & as \u003c,
// \u003e, \u0026), invalid UTF-8 as \ufffd and U+2028 and U+2029 escaped.
func (w *jsonWriter) str(s string) {
	const hex = "0123456789abcdef"
	b := append(w.b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	w.b = append(b, '"')
}
