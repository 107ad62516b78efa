//go:build js && wasm

// Command wasm is jdlint's engine for the web page, compiled with GOOS=js GOARCH=wasm. It
// sets globalThis.jdlint to an object of three functions that take and return strings, and
// calls globalThis.jdlintReady, when the page defined it, once they are in place:
//
//	jdlint.lint(name, text)         -> JSON of engine.View
//	jdlint.apply(name, text, index) -> JSON of {"text", "edits"} or {"error"}
//	jdlint.applySafe(name, text)    -> JSON of {"text", "edits"} or {"error"}
//
// It decides nothing: web/engine does the work with the CLI's own packages.
package main

import (
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/jdlint/jdlint/web/engine"
)

// version is jdlint's version as the page reports it; web/build sets it with -ldflags -X.
var version = "dev"

func main() {
	eng, err := engine.New(version)
	if err != nil {
		js.Global().Get("console").Call("error", "jdlint: "+err.Error())
		return
	}
	api := js.Global().Get("Object").New()
	api.Set("version", version)
	api.Set("lint", function("lint(name, text)", 2, func(args []js.Value) string {
		return encode(eng.Lint(args[0].String(), []byte(args[1].String())))
	}))
	api.Set("apply", function("apply(name, text, index)", 3, func(args []js.Value) string {
		if args[2].Type() != js.TypeNumber {
			return encode(map[string]string{"error": "apply: the index is not a number"})
		}
		return applied(eng.Apply(args[0].String(), []byte(args[1].String()), args[2].Int()))
	}))
	api.Set("applySafe", function("applySafe(name, text)", 2, func(args []js.Value) string {
		return applied(eng.ApplySafe(args[0].String(), []byte(args[1].String())))
	}))
	js.Global().Set("jdlint", api)
	if ready := js.Global().Get("jdlintReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // keep the functions alive
}

// function makes a JavaScript function of fn that checks its arguments and turns a panic
// into an error result: a panic that reached syscall/js would stop the Go program, and the
// page would lose its engine until reloaded.
func function(usage string, nargs int, fn func(args []js.Value) string) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
		defer func() {
			if v := recover(); v != nil {
				out = encode(map[string]string{"error": fmt.Sprintf("internal error: %v", v)})
			}
		}()
		if len(args) < nargs {
			return encode(map[string]string{"error": "usage: " + usage})
		}
		for _, a := range args[:nargs] {
			if a.Type() != js.TypeString && a.Type() != js.TypeNumber {
				return encode(map[string]string{"error": "usage: " + usage})
			}
		}
		return fn(args)
	})
}

func applied(a engine.Applied, err error) string {
	if err != nil {
		return encode(map[string]string{"error": err.Error()})
	}
	return encode(a)
}

func encode(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]string{"error": err.Error()})
	}
	return string(b)
}
