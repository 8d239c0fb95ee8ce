package project

import (
	"bytes"
	"testing"
)

var fuzzSeeds = []string{
	"service: app\nservers:\n  web:\n    - 1.1.1.1: [a]\n",
	"x: &a [*a]\nssh:\n  <<: *a\n",
	"servers: <%= x %>\n<% if a %>\naccessories:\n  db: {host: <%= h %>}\n<% end %>\n",
	"a: <%= x\n",
	"<%% <%# c %> <%== y -%>\n",
}

// FuzzNeutraliseERB checks that neutralising never panics and keeps every line in place.
func FuzzNeutraliseERB(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, _ := NeutraliseERB(src)
		if got, want := bytes.Count(out, []byte{'\n'}), bytes.Count(src, []byte{'\n'}); got != want {
			t.Errorf("%d lines out, %d in", got, want)
		}
	})
}

// FuzzParseConfig checks that no deploy.yml makes parsing or decoding panic.
func FuzzParseConfig(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		top, _ := parseConfig("config/deploy.yml", src)
		if top == nil {
			return
		}
		c, _ := decodeConfig(deepMerge(top, top), []string{"config/deploy.yml"})
		c.PrimaryHost()
		c.AliasMap()
		for i := range c.Accessories {
			c.AccessoryHosts(&c.Accessories[i])
			c.AccessoryContainer(&c.Accessories[i])
		}
	})
}
