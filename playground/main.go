//go:build js && wasm

// Command playground is hooklint compiled to WebAssembly for the playground page
// (index.html). It defines two functions for the page's script and then waits:
//
//	hooklintInfo() string         the hooks and releases to offer, as JSON (api.Info)
//	hooklintLint(request) string  a check, JSON in and out (api.Request, api.Response)
//
// Everything runs in the page: nothing is sent anywhere.
package main

import (
	"encoding/json"
	"syscall/js"

	"github.com/hooklint/hooklint/playground/api"
)

func main() {
	js.Global().Set("hooklintInfo", js.FuncOf(func(js.Value, []js.Value) any {
		return marshal(api.Info())
	}))
	js.Global().Set("hooklintLint", js.FuncOf(func(_ js.Value, args []js.Value) any {
		var req api.Request
		if len(args) != 1 || json.Unmarshal([]byte(args[0].String()), &req) != nil {
			return marshal(api.Response{Error: "hooklintLint takes one JSON request"})
		}
		return marshal(api.Lint(req))
	}))
	js.Global().Call("dispatchEvent", js.Global().Get("Event").New("hooklint-ready"))
	select {}
}

func marshal(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(api.Response{Error: err.Error()})
	}
	return string(b)
}
